// EcsClient against a tiny local HTTP server that records the requests and answers what each test scripts: it asserts
// the request shapes (query parameters, version, signature), paging, chunking and the retry rules. It is not a fake of
// ECS: the emulator (test/emulator) is where ECS behaviour lives.
import * as assert from 'node:assert/strict';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { explainError, formatMessage } from '../../../src/ebs/catalogue';
import { EbsError } from '../../../src/ebs/errors';
import { EbsCallRecord } from '../../../src/ebs/types';
import { EcsClient, EcsClientOptions, MAX_COMMAND_CONTENT_BYTES } from '../../../src/ecs/client';

interface Seen {
  action: string;
  version: string | undefined;
  authorization: string | undefined;
  params: Record<string, string>;
}

/** What the server does with a request: answer a body (200 unless given), or drop the connection. */
type Reply = { status?: number; body: unknown } | 'drop';

class Recorder {
  readonly seen: Seen[] = [];
  private server: Server | undefined;
  handler: (req: Seen, index: number) => Reply = () => ({ body: { RequestId: 'req-default' } });

  async start(): Promise<string> {
    // Every parameter travels in the query, so a 24 KB script makes a URL beyond Node's default 16 KB header limit.
    this.server = createServer({ maxHeaderSize: 256 * 1024 }, (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const params: Record<string, string> = Object.fromEntries(url.searchParams);
        const form = Buffer.concat(chunks).toString('utf8');
        if (form !== '') Object.assign(params, Object.fromEntries(new URLSearchParams(form)));
        const seen: Seen = { action: String(req.headers['x-acs-action'] ?? ''), version: req.headers['x-acs-version'] as string | undefined, authorization: req.headers.authorization, params };
        this.seen.push(seen);
        const reply = this.handler(seen, this.seen.length - 1);
        if (reply === 'drop') {
          req.socket.destroy();
          return;
        }
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  of(action: string): Seen[] {
    return this.seen.filter((s) => s.action === action);
  }
}

async function rejection(p: Promise<unknown>): Promise<EbsError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof EbsError, String(e));
    return e;
  }
  assert.fail('expected a rejection');
}

const instance = (n: number): Record<string, unknown> => ({ InstanceId: `i-bp1${String(n).padStart(17, '0')}`, InstanceName: `vm-${n}`, Status: 'Running', RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', OSType: 'linux' });

describe('ecs/client (request shapes, against a local HTTP server)', () => {
  const server = new Recorder();
  let url = '';
  const calls: EbsCallRecord[] = [];
  const client = (extra: Partial<EcsClientOptions> = {}): EcsClient =>
    new EcsClient({
      credentials: { accessKeyId: 'EcsClientTestKeyId01', accessKeySecret: 'ecs-test-secret' },
      endpointTemplate: url,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      logger: { call: (r) => calls.push(r) },
      ...extra,
    });

  before(async () => {
    url = await server.start();
  });
  after(async () => server.stop());
  beforeEach(() => {
    server.seen.length = 0;
    calls.length = 0;
  });

  it('DescribeInstances: version 2014-05-26, signed, ZoneId and Status, MaxResults 100, every page by NextToken', async () => {
    server.handler = (req) => {
      const page = req.params.NextToken === undefined ? 0 : Number(req.params.NextToken.replace('tok-', ''));
      const items = Array.from({ length: page < 2 ? 100 : 7 }, (_, i) => instance(page * 100 + i));
      return { body: { RequestId: `req-${page}`, NextToken: page < 2 ? `tok-${page + 1}` : '', Instances: { Instance: items } } };
    };
    const list = await client().describeInstances('cn-hangzhou', { zoneId: 'cn-hangzhou-h', status: 'Running' });
    assert.equal(list.length, 207);
    const seen = server.of('DescribeInstances');
    assert.equal(seen.length, 3);
    for (const s of seen) {
      assert.equal(s.version, '2014-05-26');
      assert.match(s.authorization ?? '', /^ACS3-HMAC-SHA256 Credential=EcsClientTestKeyId01,/);
      assert.equal(s.params.RegionId, 'cn-hangzhou');
      assert.equal(s.params.ZoneId, 'cn-hangzhou-h');
      assert.equal(s.params.Status, 'Running');
      assert.equal(s.params.MaxResults, '100');
      assert.equal(s.params.InstanceIds, undefined);
    }
    assert.deepEqual(seen.map((s) => s.params.NextToken), [undefined, 'tok-1', 'tok-2']);
    assert.deepEqual(calls.map((c) => c.requestId), ['req-0', 'req-1', 'req-2']);
  });

  it('DescribeInstances with IDs: a JSON array of at most 100 per listing; an empty list asks nothing', async () => {
    server.handler = (req) => ({ body: { RequestId: 'r', Instances: { Instance: (JSON.parse(req.params.InstanceIds ?? '[]') as string[]).map((id) => ({ ...instance(0), InstanceId: id })) } } });
    const ids = Array.from({ length: 130 }, (_, i) => `i-bp1${String(i).padStart(17, '0')}`);
    const list = await client().describeInstances('cn-hangzhou', { instanceIds: ids });
    assert.deepEqual(list.map((i) => i.instanceId), ids);
    assert.deepEqual(server.of('DescribeInstances').map((s) => (JSON.parse(s.params.InstanceIds ?? '') as string[]).length), [100, 30]);
    assert.deepEqual(await client().describeInstances('cn-hangzhou', { instanceIds: [] }), []);
    assert.equal(server.of('DescribeInstances').length, 2);
  });

  it('DescribeCloudAssistantStatus: InstanceId.1 … InstanceId.50 per request', async () => {
    server.handler = (req) => ({
      body: {
        RequestId: 'r',
        InstanceCloudAssistantStatusSet: {
          InstanceCloudAssistantStatus: Object.entries(req.params)
            .filter(([k]) => k.startsWith('InstanceId.'))
            .map(([, id]) => ({ InstanceId: id, CloudAssistantStatus: 'true' })),
        },
      },
    });
    const ids = Array.from({ length: 120 }, (_, i) => `i-bp1${String(i).padStart(17, '0')}`);
    const statuses = await client().describeCloudAssistantStatus('cn-hangzhou', ids);
    assert.equal(statuses.length, 120);
    assert.ok(statuses.every((s) => s.online));
    const seen = server.of('DescribeCloudAssistantStatus');
    assert.deepEqual(seen.map((s) => Object.keys(s.params).filter((k) => k.startsWith('InstanceId.')).length), [50, 50, 20]);
    assert.equal(seen[1]?.params['InstanceId.1'], ids[50]);
    assert.equal(seen[2]?.params['InstanceId.20'], ids[119]);
    assert.equal(seen[0]?.params.RegionId, 'cn-hangzhou');
    assert.deepEqual(await client().describeCloudAssistantStatus('cn-hangzhou', []), []);
  });

  it('DescribeDisks: DiskIds as a JSON array of at most 100, MaxResults 100', async () => {
    server.handler = (req) => ({
      body: { RequestId: 'r', Disks: { Disk: (JSON.parse(req.params.DiskIds ?? '[]') as string[]).map((id) => ({ DiskId: id, Status: 'Available', ZoneId: 'cn-hangzhou-h' })) } },
    });
    const ids = Array.from({ length: 150 }, (_, i) => `d-bp1${String(i).padStart(17, '0')}`);
    const disks = await client().describeDisks('cn-hangzhou', ids);
    assert.equal(disks.length, 150);
    const seen = server.of('DescribeDisks');
    assert.deepEqual(seen.map((s) => (JSON.parse(s.params.DiskIds ?? '') as string[]).length), [100, 50]);
    assert.ok(seen.every((s) => s.params.MaxResults === '100' && s.params.RegionId === 'cn-hangzhou'));
  });

  it('AttachDisk and DetachDisk: InstanceId, DiskId, DeleteWithInstance=false and no RegionId', async () => {
    server.handler = () => ({ body: { RequestId: 'F4E1D3C2-1111-2222-3333-444455556666' } });
    const request = { regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', diskId: 'd-bp18um4r4f2fve24abcd' };
    assert.deepEqual(await client().attachDisk(request), { requestId: 'F4E1D3C2-1111-2222-3333-444455556666' });
    assert.deepEqual(await client().detachDisk(request), { requestId: 'F4E1D3C2-1111-2222-3333-444455556666' });
    for (const action of ['AttachDisk', 'DetachDisk']) {
      const [s] = server.of(action);
      assert.equal(s?.version, '2014-05-26');
      assert.equal(s?.params.InstanceId, 'i-bp1g6zv0ce8oghu7k3a1');
      assert.equal(s?.params.DiskId, 'd-bp18um4r4f2fve24abcd');
      assert.equal(s?.params.DeleteWithInstance, 'false');
      assert.equal(s?.params.RegionId, undefined);
    }
  });

  it('AttachDisk is not repeated after a connection dropped mid-request (the caller asks DescribeDisks); a read is', async () => {
    server.handler = (_req, index) => (index === 0 ? 'drop' : { body: { RequestId: 'r', Disks: { Disk: [] } } });
    const request = { regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', diskId: 'd-bp18um4r4f2fve24abcd' };
    const err = await rejection(client().attachDisk(request));
    assert.equal(err.code, 'NetworkError');
    assert.equal(server.of('AttachDisk').length, 1);
    assert.equal(calls[0]?.willRetry, false);
    server.seen.length = 0;
    assert.deepEqual(await client().describeDisks('cn-hangzhou', ['d-bp18um4r4f2fve24abcd']), []);
    assert.equal(server.of('DescribeDisks').length, 2, 'the read was retried');
  });

  it('AttachDisk is repeated after throttling (the service did nothing) and not after a 5xx', async () => {
    server.handler = (_req, index) => (index === 0 ? { status: 400, body: { RequestId: 'r0', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' } } : { body: { RequestId: 'r1' } });
    const request = { regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', diskId: 'd-bp18um4r4f2fve24abcd' };
    assert.deepEqual(await client().attachDisk(request), { requestId: 'r1' });
    assert.equal(server.of('AttachDisk').length, 2);
    server.seen.length = 0;
    server.handler = () => ({ status: 500, body: { RequestId: 'r5', Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' } });
    const err = await rejection(client().detachDisk(request));
    assert.equal(err.code, 'InternalError');
    assert.equal(server.of('DetachDisk').length, 1);
  });

  it('RunCommand: RunShellScript, the script base64-encoded, Timeout, Name, Description; one ClientToken for every attempt', async () => {
    server.handler = (_req, index) =>
      index === 0 ? { status: 503, body: { RequestId: 'r0', Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' } } : { body: { RequestId: 'r1', CommandId: 'c-hz01b6kgn8a1s3k', InvokeId: 't-hz01b6kgn8a1s3l' } };
    const script = '#!/bin/bash\necho "EBS-DR: result=passed"\n';
    const result = await client().runShellScript({ regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', script, timeoutSeconds: 300, name: 'ebs-dr-verify', description: 'Verify drill disk d-bp18um4r4f2fve24abcd' });
    assert.deepEqual(result, { requestId: 'r1', commandId: 'c-hz01b6kgn8a1s3k', invokeId: 't-hz01b6kgn8a1s3l' });
    const seen = server.of('RunCommand');
    assert.equal(seen.length, 2);
    const [first, second] = seen;
    assert.equal(first?.params.Type, 'RunShellScript');
    assert.equal(first?.params.ContentEncoding, 'Base64');
    assert.equal(Buffer.from(first?.params.CommandContent ?? '', 'base64').toString('utf8'), script);
    assert.equal(first?.params['InstanceId.1'], 'i-bp1g6zv0ce8oghu7k3a1');
    assert.equal(first?.params.Timeout, '300');
    assert.equal(first?.params.Name, 'ebs-dr-verify');
    assert.equal(first?.params.Description, 'Verify drill disk d-bp18um4r4f2fve24abcd');
    assert.equal(first?.params.RegionId, 'cn-hangzhou');
    assert.match(first?.params.ClientToken ?? '', /^ebsdr-[0-9a-f-]{36}$/);
    assert.equal(second?.params.ClientToken, first?.params.ClientToken);
    server.seen.length = 0;
    await client().runShellScript({ regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', script, timeoutSeconds: 60, clientToken: 'verify-drill-1' });
    assert.equal(server.of('RunCommand')[0]?.params.ClientToken, 'verify-drill-1');
  });

  it('RunCommand refuses, before sending anything, a script over 24 KB once base64-encoded', async () => {
    const fits = 'x'.repeat((MAX_COMMAND_CONTENT_BYTES / 4) * 3);
    server.handler = () => ({ body: { RequestId: 'r', CommandId: 'c-1', InvokeId: 't-1' } });
    await client().runShellScript({ regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', script: fits, timeoutSeconds: 60 });
    assert.equal(server.of('RunCommand').length, 1, 'exactly 24 KB encoded is sent');
    server.seen.length = 0;
    const err = await rejection(client().runShellScript({ regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', script: `${fits}x`, timeoutSeconds: 60 }));
    assert.equal(err.code, 'CommandTooLarge');
    assert.equal(err.retryable, false);
    assert.match(err.message, /24580 bytes base64-encoded; Cloud Assistant accepts at most 24576 bytes/);
    assert.equal(server.seen.length, 0);
    assert.match(formatMessage(explainError(err).nextStep), /at most 24 KB/);
    const bad = await rejection(client().runShellScript({ regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', script: 'true', timeoutSeconds: 0 }));
    assert.equal(bad.code, 'InvalidArgument');
  });

  it('DescribeInvocationResults: InvokeId, ContentEncoding Base64, output decoded, every page', async () => {
    server.handler = (req) => {
      const first = req.params.NextToken === undefined;
      return {
        body: {
          RequestId: 'r',
          Invocation: {
            NextToken: first ? 'tok-2' : '',
            InvocationResults: {
              InvocationResult: [
                { InvokeId: 't-hz01b6kgn8a1s3l', InstanceId: first ? 'i-bp1g6zv0ce8oghu7k3a1' : 'i-bp1aaaa0ce8oghu7k3a2', InvocationStatus: first ? 'Success' : 'Running', ExitCode: 0, Output: Buffer.from('EBS-DR: result=passed\n').toString('base64'), Dropped: 0 },
              ],
            },
          },
        },
      };
    };
    const results = await client().describeInvocationResults('cn-hangzhou', 't-hz01b6kgn8a1s3l');
    assert.deepEqual(results.map((r) => [r.instanceId, r.invocationStatus, r.output]), [
      ['i-bp1g6zv0ce8oghu7k3a1', 'Success', 'EBS-DR: result=passed\n'],
      ['i-bp1aaaa0ce8oghu7k3a2', 'Running', 'EBS-DR: result=passed\n'],
    ]);
    const seen = server.of('DescribeInvocationResults');
    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.params.InvokeId, 't-hz01b6kgn8a1s3l');
    assert.equal(seen[0]?.params.ContentEncoding, 'Base64');
    assert.equal(seen[0]?.params.MaxResults, '50');
    assert.equal(seen[1]?.params.NextToken, 'tok-2');
  });

  it('names ECS in its errors: ecs:AttachDisk for Forbidden.RAM, the ECS setting for a bad endpoint', async () => {
    server.handler = () => ({ status: 403, body: { RequestId: 'r', Code: 'Forbidden.RAM', Message: 'User not authorized to operate on the specified resource, or this API does not support RAM.' } });
    const err = await rejection(client().attachDisk({ regionId: 'cn-hangzhou', instanceId: 'i-bp1g6zv0ce8oghu7k3a1', diskId: 'd-bp18um4r4f2fve24abcd' }));
    assert.equal(err.api, 'ecs');
    assert.equal(formatMessage(explainError(err).summary), 'A RAM policy denied ecs:AttachDisk.');
    const config = await rejection(client({ endpointTemplate: 'http://ecs.{regionId}.example.com' }).describeDisks('cn-hangzhou', ['d-bp1']));
    assert.equal(config.code, 'ConfigurationError');
    assert.match(formatMessage(explainError(config).nextStep), /ebsDr\.ecsEndpointTemplate/);
  });
});
