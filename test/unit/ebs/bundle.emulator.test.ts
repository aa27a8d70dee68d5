// Proves the npm `overrides` pin of @alicloud/tea-util 1.4.9 keeps the bundle slim and that requests
// made by the *bundled* SDK still carry signatures the (strict) emulator verifies.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type * as Ebs from '../../../src/ebs';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN } from '../../emulator';
import { bundleOptions } from '../../harness/bundle';
import { repoRoot } from '../../harness/paths';
import { useEmulator } from './emulatorFixture';

describe('ebs bundle (tea-util 1.4.9 override)', function () {
  const fx = useEmulator();
  let dir = '';
  let inputs: string[] = [];
  let ebs: typeof Ebs;
  let bytes = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ebs-bundle-'));
    const outfile = join(dir, 'ebs.js');
    const result = await build({ ...bundleOptions('src/ebs/index.ts', outfile), metafile: true, logLevel: 'silent' });
    inputs = Object.keys(result.metafile.inputs);
    bytes = readFileSync(outfile).length;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ebs = require(outfile) as typeof Ebs;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles tea-util 1.4.9 without @darabonba, lodash, moment or ws', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'node_modules/@alicloud/tea-util/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '1.4.9');
    for (const heavy of ['@darabonba', 'lodash', 'moment', '/ws/', 'socks']) {
      assert.ok(!inputs.some((i) => i.includes(`node_modules/${heavy.replace(/^\//, '')}`)), `${heavy} must not be bundled`);
    }
    assert.ok(inputs.some((i) => i.includes('node_modules/@alicloud/tea-util/')));
    assert.ok(bytes < 400 * 1024, `bundle is ${bytes} bytes`);
  });

  it('the bundled client signs requests the emulator verifies (AK and STS)', async () => {
    const ak = new ebs.EbsClient({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, endpointTemplate: fx.emulator.url });
    assert.ok((await ak.describeRegions()).length > 0);
    const { drillId } = await ak.startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-web01' });
    assert.match(drillId, /^drill-/);
    const sts = new ebs.EbsClient({
      credentials: { accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, securityToken: DEMO_STS_TOKEN },
      endpointTemplate: fx.emulator.url,
    });
    assert.ok((await sts.listReplicaPairs('cn-hangzhou')).length > 0);
    const requests = await fx.emulator.admin.requests();
    assert.equal(requests.length, 3);
    assert.ok(requests.every((r) => r.status === 200 && r.signatureMethod?.startsWith('ACS3')), JSON.stringify(requests));
  });
});
