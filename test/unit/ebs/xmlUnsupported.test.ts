// The bundle replaces @alicloud/tea-xml (xmlbuilder, sax, xml2js), `debug` and the root of @alicloud/credentials with
// small stand-ins (scripts/bundle-stubs.json). Proves, on a bundle built that way, that those packages are gone and that an XML error
// answer — the one case where the SDK would parse XML — ends as the catalogued XmlResponse error, not a crash.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type * as Ebs from '../../../src/ebs';
import { XML_RESPONSE_CODE } from '../../../src/ebs/xmlUnsupported';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../emulator';
import { bundleOptions } from '../../harness/bundle';
import { repoRoot } from '../../harness/paths';

const GONE = ['@alicloud/tea-xml', 'xmlbuilder', 'sax', 'xml2js', 'debug', 'supports-color', 'ms', 'has-flag'];

describe('bundle stand-ins (XML stack, debug, the root of @alicloud/credentials)', function () {
  let dir = '';
  let inputs: string[] = [];
  let ebs: typeof Ebs;
  let server: Server;
  let url = '';
  let requests = 0;
  const requestId = randomUUID().toUpperCase();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ebs-xml-'));
    const outfile = join(dir, 'ebs.js');
    const result = await build({ ...bundleOptions('src/ebs/index.ts', outfile), metafile: true, logLevel: 'silent' });
    inputs = Object.keys(result.metafile.inputs);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ebs = require(outfile) as typeof Ebs;
    // What an OSS-style gateway or a misrouted proxy answers: an XML error document with the SDK's XML content type.
    server = createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(403, { 'content-type': 'text/xml;charset=utf-8', 'x-acs-request-id': requestId });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Anonymous access is forbidden.</Message><RequestId>${requestId}</RequestId></Error>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves xmlbuilder, sax, xml2js, tea-xml, debug and supports-color out of the bundle', () => {
    for (const gone of GONE) assert.ok(!inputs.some((i) => i.includes(`node_modules/${gone}/`)), `${gone} must not be bundled`);
    assert.ok(inputs.some((i) => i.endsWith('src/ebs/xmlUnsupported.ts')));
  });

  it('the extension bundle scripts/build.mjs made (dist/extension.meta.json) leaves them out too', () => {
    const meta = JSON.parse(readFileSync(join(repoRoot, 'dist', 'extension.meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const built = Object.keys(meta.inputs);
    for (const gone of GONE) assert.ok(!built.some((i) => i.includes(`node_modules/${gone}/`)), `${gone} must not be in dist/extension.js`);
    assert.ok(built.some((i) => i.endsWith('src/ebs/sdkDebugOff.ts')));
    // Only the four providers the extension uses remain of @alicloud/credentials (src/credentials/credentialsLibrary.ts).
    const providers = built.flatMap((i) => /@alicloud\/credentials\/dist\/src\/providers\/(\w+)\.js$/.exec(i)?.[1] ?? []).sort();
    assert.deepEqual(providers.filter((p) => !['http', 'session', 'time'].includes(p)), ['ecs_ram_role', 'ram_role_arn', 'static_ak', 'static_sts']);
  });

  it('turns an XML error answer into the catalogued XmlResponse error, once, without retrying', async () => {
    const client = new ebs.EbsClient({
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET },
      endpointTemplate: url,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const error = await client.listReplicaPairs('cn-hangzhou').then(
      () => assert.fail('an XML answer must not succeed'),
      (e: unknown) => e,
    );
    assert.ok(ebs.isEbsError(error), String(error));
    assert.equal(error.code, XML_RESPONSE_CODE);
    assert.equal(error.requestId, requestId);
    const explained = ebs.explainError(error);
    assert.equal(explained.entryCode, XML_RESPONSE_CODE);
    assert.equal(explained.category, 'input');
    assert.equal(explained.retryable, false);
    assert.equal(ebs.formatMessage(explained.summary), 'The endpoint of cn-hangzhou answered in XML, which is not an EBS response.');
    assert.match(ebs.formatMessage(explained.nextStep), /ebsDr\.endpointTemplate/);
    assert.equal(requests, 1);
  });
});
