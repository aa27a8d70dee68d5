// The hostile-response suite: a small raw HTTP server of the test's own plays a broken or hostile endpoint, and a real
// EbsClient (real SDK) calls it. What the user would notice: the error code and its catalogue text, what the listings
// hold, what the call log says.
import * as assert from 'node:assert/strict';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { EbsClient, EbsClientOptions, MAX_RESPONSE_BYTES } from '../../../src/ebs/client';
import { EbsError } from '../../../src/ebs/errors';
import { explainError, formatMessage } from '../../../src/ebs/catalogue';
import { isDrillable } from '../../../src/ebs/drillable';
import { EbsCallRecord } from '../../../src/ebs/types';

async function rejection(promise: Promise<unknown>): Promise<EbsError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof EbsError, String(err));
    return err;
  }
  assert.fail('expected the call to fail');
}

const requestId = (): string => randomUUID().toUpperCase();
/** A recovery point an hour ago, in Unix seconds as the service sends it. */
const hourAgo = (): number => Math.floor(Date.now() / 1000) - 3600;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The query parameters of a request as the SDK sends them (RPC style: all in the query). */
function params(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
}

describe('ebs/client against a hostile or broken endpoint', function () {
  let server: Server;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  let url = '';
  let records: EbsCallRecord[] = [];
  let notes: string[] = [];
  before(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    records = [];
    notes = [];
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const client = (overrides: Partial<EbsClientOptions> = {}): EbsClient =>
    new EbsClient({
      credentials: { accessKeyId: 'HOSTILETESTKEYID0001', accessKeySecret: 'HostileTestSecret000000000000001' },
      endpointTemplate: url,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      timeoutMs: 20_000,
      attemptTimeoutMs: 20_000,
      logger: { call: (r) => records.push(r), note: (m) => notes.push(m) },
      ...overrides,
    });

  describe('a response size cap', () => {
    const STREAM_BYTES = 470 * 1000 * 1000;

    /** Streams `total` bytes of a JSON body that never ends in time, chunk by chunk, honouring backpressure. */
    function streamer(total: number, declareLength: boolean, sent: { bytes: number; hits: number }) {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      return (_req: IncomingMessage, res: ServerResponse): void => {
        sent.hits++;
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', ...(declareLength ? { 'content-length': String(total) } : {}) });
        let closed = false;
        res.on('close', () => (closed = true));
        const pump = (): void => {
          while (!closed && sent.bytes < total) {
            sent.bytes += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!closed) res.end();
        };
        res.write(`{"RequestId":"${requestId()}","Regions":[],"Padding":"`);
        pump();
      };
    }

    it(`a 470 MB stream fails with ResponseTooLarge after about ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB, with memory bounded, and is not retried`, async () => {
      const sent = { bytes: 0, hits: 0 };
      handler = streamer(STREAM_BYTES, false, sent);
      global.gc?.();
      const base = process.memoryUsage();
      let peak = 0;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
      }, 5);
      const started = Date.now();
      const err = await rejection(client().describeRegions({ regionId: 'cn-hangzhou' }));
      clearInterval(sampler);
      assert.equal(err.code, 'ResponseTooLarge', err.message);
      assert.equal(err.retryable, false);
      assert.equal(sent.hits, 1, 'not retried');
      // The server stops once the socket closes: it sent the cap and what was in flight, far from 470 MB.
      assert.ok(sent.bytes < MAX_RESPONSE_BYTES + 16 * 1024 * 1024, `${sent.bytes} bytes sent`);
      assert.ok(peak < 64 * 1024 * 1024, `memory grew by ${Math.round(peak / 1024 / 1024)} MiB`);
      assert.ok(Date.now() - started < 10_000);
      const explained = explainError(err);
      assert.equal(explained.entryCode, 'ResponseTooLarge');
      assert.equal(formatMessage(explained.summary), 'The EBS endpoint of cn-hangzhou sent a larger answer than any EBS answer can be; it was not read.');
    });

    it('an answer declaring more than the cap in Content-Length fails at once, before its body is read', async () => {
      const sent = { bytes: 0, hits: 0 };
      handler = streamer(STREAM_BYTES, true, sent);
      const err = await rejection(client().listReplicaPairs('cn-hangzhou'));
      assert.equal(err.code, 'ResponseTooLarge');
      assert.match(err.message, /declares 470000000 bytes/);
      assert.equal(sent.hits, 1);
      assert.ok(sent.bytes < MAX_RESPONSE_BYTES, `${sent.bytes} bytes sent`);
    });

    it('the next call on the same client (a reused socket) is not counted against the earlier answer', async () => {
      const c = client();
      const body = { RequestId: requestId(), Regions: [{ RegionId: 'cn-hangzhou', Padding: 'x'.repeat(1024 * 1024) }] };
      handler = (_req, res) => json(res, 200, body);
      // Eleven answers of 1 MiB each on one kept-alive socket: more than the cap together, each well under it.
      for (let i = 0; i < 11; i++) assert.equal((await c.describeRegions({ regionId: 'cn-hangzhou' })).length, 1);
    });
  });

  describe('duplicate IDs in listings', () => {
    it('pairs: the first of each ID is kept, across pages too, and the log says so once', async () => {
      handler = (req, res) => {
        const page2 = params(req).get('NextToken') === 'page-2';
        const pairs = page2
          ? [{ ReplicaPairId: 'pair-2ze0ab1c', Status: 'stopped' }, { ReplicaPairId: 'pair-2ze0ab1d', Status: 'normal' }]
          : [{ ReplicaPairId: 'pair-2ze0ab1c', Status: 'normal' }, { ReplicaPairId: 'pair-2ze0ab1c', Status: 'invalid' }];
        json(res, 200, { RequestId: requestId(), ReplicaPairs: pairs, ...(page2 ? {} : { NextToken: 'page-2' }) });
      };
      const pairs = await client().listReplicaPairs('cn-hangzhou');
      assert.deepEqual(pairs.map((p) => [p.pairId, p.status]), [['pair-2ze0ab1c', 'normal'], ['pair-2ze0ab1d', 'normal']]);
      assert.equal(notes.length, 1, notes.join('\n'));
      assert.match(notes[0] ?? '', /^DescribeDiskReplicaPairs region=cn-hangzhou: 2 duplicate ID\(s\) dropped, the first kept \(e\.g\. pair-2ze0ab1c\)$/);
    });

    it('groups, pair drills and group drills: no two records with one ID', async () => {
      handler = (req, res) => {
        const action = params(req).get('Action') ?? req.headers['x-acs-action'];
        if (action === 'DescribeDiskReplicaGroups') {
          json(res, 200, { RequestId: requestId(), ReplicaGroups: [{ ReplicaGroupId: 'pg-5a2b', Status: 'normal', PairIds: ['pair-2ze0ab1c,pair-2ze0ab1c', 'pair-2ze0ab1d'] }, { ReplicaGroupId: 'pg-5a2b', Status: 'invalid' }] });
        } else if (action === 'DescribePairDrills') {
          json(res, 200, { RequestId: requestId(), Drills: [{ DrillId: 'pdrill-7c1', Status: 'executing' }, { DrillId: 'pdrill-7c1', Status: 'executed' }, { DrillId: 'pdrill-7c2', Status: 'executed' }] });
        } else {
          const pairsInfo = [{ PairId: 'pair-2ze0ab1c', DrillDiskId: 'd-bp1first' }, { PairId: 'pair-2ze0ab1c', DrillDiskId: 'd-bp1second' }];
          json(res, 200, { RequestId: requestId(), Drills: [{ DrillId: 'gdrill-9e4', Status: 'executed', PairsInfo: pairsInfo }, { DrillId: 'gdrill-9e4', Status: 'executing' }] });
        }
      };
      const c = client();
      assert.deepEqual((await c.listReplicaGroups('cn-shanghai')).map((g) => [g.groupId, g.status, g.pairIds]), [['pg-5a2b', 'normal', ['pair-2ze0ab1c', 'pair-2ze0ab1d']]]);
      assert.deepEqual((await c.describePairDrills('cn-shanghai', 'pair-2ze0ab1c')).map((d) => [d.drillId, d.status]), [['pdrill-7c1', 'executing'], ['pdrill-7c2', 'executed']]);
      const groupDrills = await c.describeReplicaGroupDrills('cn-shanghai', 'pg-5a2b');
      assert.deepEqual(groupDrills.map((d) => [d.drillId, d.status, d.pairs.map((p) => p.drillDiskId)]), [['gdrill-9e4', 'executed', ['d-bp1first']]]);
      assert.equal(notes.length, 3, notes.join('\n'));
    });
  });

  describe('implausible timestamps', () => {
    it('milliseconds sent as seconds, instants before 2010 or days ahead are unknown, logged once per call, never a recovery point', async () => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      handler = (_req, res) =>
        json(res, 200, {
          RequestId: requestId(),
          ReplicaPairs: [
            { ReplicaPairId: 'pair-ms', Status: 'normal', LastRecoverPoint: nowSeconds * 1000, CreateTime: nowSeconds * 1000 },
            { ReplicaPairId: 'pair-1999', Status: 'normal', LastRecoverPoint: 936144000 },
            { ReplicaPairId: 'pair-ahead', Status: 'normal', LastRecoverPoint: nowSeconds + 3 * 86400 },
            { ReplicaPairId: 'pair-fine', Status: 'normal', LastRecoverPoint: String(hourAgo()), ExpiredTime: nowSeconds + 365 * 86400 },
          ],
        });
      const pairs = await client().listReplicaPairs('cn-hangzhou');
      const byId = new Map(pairs.map((p) => [p.pairId, p]));
      for (const id of ['pair-ms', 'pair-1999', 'pair-ahead']) {
        const pair = byId.get(id);
        assert.equal(pair?.lastRecoverPoint, undefined, id);
        assert.equal(isDrillable({ status: pair?.status ?? '', recoverPoint: pair?.lastRecoverPoint }), false, `${id} is never offered for a drill`);
      }
      assert.equal(byId.get('pair-ms')?.createdAt, undefined);
      assert.equal(typeof byId.get('pair-fine')?.lastRecoverPoint, 'number');
      assert.equal(byId.get('pair-fine')?.expiresAt, (nowSeconds + 365 * 86400) * 1000, 'an expiry a year ahead is plausible');
      assert.equal(notes.length, 1, notes.join('\n'));
      assert.match(notes[0] ?? '', /^DescribeDiskReplicaPairs region=cn-hangzhou: 4 implausible timestamp\(s\) treated as unknown .*e\.g\. LastRecoverPoint=\d{13}\)$/);
    });

    it('a drill that started in the year 58887 has no start time and no recovery point', async () => {
      handler = (_req, res) =>
        json(res, 200, { RequestId: requestId(), Drills: [{ DrillId: 'pdrill-7c1', Status: 'executed', StartAt: 1_795_000_000_000, RecoverPoint: 1_795_000_000_000 }] });
      const [drill] = await client().describePairDrills('cn-shanghai', 'pair-2ze0ab1c');
      assert.equal(drill?.startedAt, undefined);
      assert.equal(drill?.recoverPoint, undefined);
      assert.equal(notes.length, 1);
    });
  });

  describe('3xx answers', () => {
    it('a 302 with a JSON body that looks like a started drill is an UnexpectedRedirect, not a drill', async () => {
      let hits = 0;
      handler = (_req, res) => {
        hits++;
        json(res, 302, { RequestId: requestId(), DrillId: 'pdrill-forged' }, { location: 'https://operator:hunter2pass@ebs.example.net/next' });
      };
      const err = await rejection(client().startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-2ze0ab1c' }));
      assert.equal(err.code, 'UnexpectedRedirect');
      assert.equal(err.httpStatus, 302);
      assert.equal(err.retryable, false);
      assert.equal(hits, 1);
      assert.doesNotMatch(err.message, /hunter2pass|operator/);
      assert.match(err.message, /ebs\.example\.net/);
      assert.equal(formatMessage(explainError(err).summary), 'The EBS endpoint of cn-shanghai answered with a redirect (HTTP 302), which EBS never sends.');
    });

    it('a 301 with an HTML body is an UnexpectedRedirect too', async () => {
      handler = (_req, res) => {
        res.writeHead(301, { 'content-type': 'text/html', location: '/moved' });
        res.end('<html><body>Moved</body></html>');
      };
      const err = await rejection(client().listReplicaPairs('cn-hangzhou'));
      assert.equal(err.code, 'UnexpectedRedirect');
      assert.equal(err.httpStatus, 301);
    });
  });

  describe('error codes and messages', () => {
    const failWith = (status: number, body: Record<string, unknown>) => (_req: IncomingMessage, res: ServerResponse) => json(res, status, { RequestId: requestId(), ...body });

    it('a Code that is an object, a list or a paragraph is no code: never "[object Object]"', async () => {
      for (const code of [{ kind: 'Forbidden' }, ['Forbidden', 'Other'], 'Forbidden\nINFO forged line', 'x'.repeat(500)]) {
        handler = failWith(400, { Code: code, Message: 'The request was refused.' });
        const err = await rejection(client({ retry: { maxAttempts: 1 } }).describeRegions());
        assert.equal(err.code, 'UnexpectedResponse', JSON.stringify(code));
        assert.match(err.message, /is not an error code/);
        const explained = explainError(err);
        const shown = `${formatMessage(explained.summary)} ${formatMessage(explained.nextStep)} ${explained.code}`;
        assert.doesNotMatch(shown, /\[object Object\]/);
      }
    });

    it('a numeric Code is kept as its digits', async () => {
      handler = failWith(400, { Code: 40012, Message: 'Bad.' });
      const err = await rejection(client({ retry: { maxAttempts: 1 } }).describeRegions());
      assert.equal(err.code, '40012');
    });

    it('a 200 kB server message is cut to 300 characters and "…" for the notification; the call log keeps all of it', async () => {
      const message = `Parameter PairId is invalid. ${'detail '.repeat(30_000)}`;
      handler = failWith(400, { Code: 'InvalidParameter', Message: message });
      const err = await rejection(client().describePairDrills('cn-shanghai', 'pair-2ze0ab1c'));
      const summary = formatMessage(explainError(err).summary);
      assert.ok(summary.length < 400, `${summary.length} characters`);
      assert.ok(summary.endsWith('…'));
      assert.ok(summary.startsWith('A parameter was rejected: Parameter PairId is invalid. detail'));
      assert.equal(records.length, 1);
      assert.equal(records[0]?.serverMessage, message);
    });
  });
});
