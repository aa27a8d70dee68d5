// What an answer leaves behind: nothing. The SDK's socket timers outlive an answer by seconds and keep the attempt's
// async-context store (its AttemptObservation); that store must not keep the answer, or every page of a big inventory
// stays in memory until those timers fire (the tree bench's retained heap per pair fell from about 1.4 KB to 0.9 KB
// when it stopped).
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EbsTransport } from '../../../src/ebs/transport';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../emulator';
import { useEmulator } from './emulatorFixture';

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('ebs/transport: an answer is not kept after the call', function () {
  const fx = useEmulator();

  it('lets the parsed body go while the SDK’s timers of the attempt still run', async () => {
    const transport = new EbsTransport({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, endpointTemplate: fx.emulator.url });
    // The answer is only ever referenced inside this function: once it returns, nothing of ours holds it.
    const call = async (): Promise<WeakRef<Record<string, unknown>>> => {
      const { body } = await transport.invoke('DescribeDiskReplicaPairs', 'cn-shanghai', { RegionId: 'cn-shanghai', MaxResults: '500' }, {});
      assert.ok(Array.isArray(body.ReplicaPairs) && body.ReplicaPairs.length > 0);
      return new WeakRef(body);
    };
    const ref = await call();
    // A WeakRef's target lives until the job that made it ends; then a full collection decides.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(ref.deref(), undefined, 'the answer is still reachable after the call');
  });
});
