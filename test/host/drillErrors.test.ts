import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { explainError, formatMessage } from '../../src/ebs/catalogue';
import { EbsError } from '../../src/ebs/errors';
import type { FaultRule } from '../emulator';
import { DEMO, DENIED_ACCOUNT, DrillHarness, NO_SLR_ACCOUNT, POOR_ACCOUNT, pairNode } from './support/drillHarness';

interface Case {
  code: string;
  status: number;
  /** Produced by the scenario (an account without balance, …) rather than an injected fault. */
  account?: { id: string; secret: string };
  message?: string;
}

// Every code StartPairDrill documents (docs/ebs-api.md, "Errors").
const CASES: Case[] = [
  { code: 'InvalidParameter', status: 400, message: 'The parameter PairId is invalid.' },
  { code: 'InvalidParameter.Conflict', status: 400, message: 'The parameters conflict.' },
  { code: 'InvalidParameter.Format', status: 400, message: 'The parameter PairId has an invalid format.' },
  { code: 'MissingParameter', status: 400, message: 'The input parameter PairId that is mandatory for processing this request is not supplied.' },
  { code: 'Forbidden', status: 403, message: 'User is not authorized to operate.' },
  { code: 'Forbidden.Action', status: 403, account: DENIED_ACCOUNT },
  { code: 'InvalidAccountStatus.NotEnoughBalance', status: 403, account: POOR_ACCOUNT },
  { code: 'LastTokenProcessing', status: 403 },
  { code: 'NoPermission.SLR', status: 403, account: NO_SLR_ACCOUNT },
  { code: 'OperationDenied', status: 403, message: 'The operation is not allowed.' },
  { code: 'OperationDenied.RecoverPointNotFound', status: 403, message: 'Recover point is not found.' },
  { code: 'OperationDenied.StartDrillShouldOnDestRegion', status: 403, message: 'Operation should be executed on the secondary region.' },
  { code: 'InvalidApi.NotFound', status: 404, message: 'Specified api is not found, please check your url and method.' },
  { code: 'NoSuchResource', status: 404, message: 'The specified resource does not exist.' },
  { code: 'InternalError', status: 500 },
  { code: 'RequestTimeout', status: 504 },
];

describe('Drills: every StartPairDrill error reaches the user (emulator)', function () {
  this.timeout(60_000);
  let h: DrillHarness;

  before(async () => {
    h = await DrillHarness.start();
    await h.setConfirm(false);
  });

  after(async () => {
    await h?.stop();
  });

  afterEach(async () => {
    await h.emulator.admin.clearFaults();
    await h.useAccount(DEMO);
  });

  for (const c of CASES) {
    it(`${c.code}: one error notification with the explanation, the next step, the code and the RequestId`, async () => {
      if (c.account) {
        await h.useAccount(c.account);
      } else {
        // Retryable codes are answered to every attempt of the client, so the user sees the final one.
        const rule: FaultRule = { action: 'StartPairDrill', mode: 'error', status: c.status, code: c.code, times: 4 };
        if (c.message) rule.message = c.message;
        await h.emulator.admin.setFaults([rule]);
      }
      const input = h.newUser();
      const before = (await h.requests('StartPairDrill')).length;
      await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));

      const sent = (await h.requests('StartPairDrill')).slice(before);
      const last = sent[sent.length - 1];
      assert.equal(last?.code, c.code, 'the emulator answered with the code');
      const expected = explainError(new EbsError({ code: c.code, message: c.message ?? '', httpStatus: c.status, requestId: last.requestId, action: 'StartPairDrill', regionId: 'cn-shanghai' }));
      // A transient failure may have followed an attempt that reached the service: said as uncertain, never as "could not".
      const uncertain = expected.retryable;
      const shownAll = input.notifications.filter((n) => n.kind === (uncertain ? 'warning' : 'error'));
      assert.equal(shownAll.length, 1, `exactly one notification: ${JSON.stringify(input.notifications)}`);
      assert.equal(input.notifications.length, 1, JSON.stringify(input.notifications));
      const [shown] = shownAll;
      if (uncertain) {
        assert.ok(shown.message.startsWith('The drill for web-01 (pair-drill-web01) may have started: '), shown.message);
        assert.match(shown.message, /No new drill was found in cn-shanghai\. Retry sends the same request, which cannot start a second drill\./);
        assert.deepEqual(shown.actions, ['Retry (same request, cannot start a second drill)', 'View Logs']);
      } else {
        assert.ok(shown.message.startsWith('Could not start a drill for web-01 (pair-drill-web01):'), shown.message);
        assert.equal(shown.actions.includes('Retry'), expected.retryable, `Retry offered iff retryable (${shown.actions.join(', ')})`);
      }
      assert.ok(shown.message.includes(formatMessage(expected.summary)), `explanation in: ${shown.message}`);
      assert.ok(shown.message.includes(formatMessage(expected.nextStep)), `next step in: ${shown.message}`);
      assert.ok(shown.message.includes(`(error ${c.code}, RequestId ${last.requestId})`), `code and RequestId in: ${shown.message}`);
      assert.ok(shown.actions.includes('View Logs'));
      assert.equal(shown.actions.includes('Switch Profile'), expected.category === 'credentials');
      assert.equal((await h.pairDrills('pair-drill-web01')).length, 0, 'no drill was created');
      assert.ok(!shown.message.includes(DEMO.secret) && !shown.message.includes(POOR_ACCOUNT.secret), 'no secret in the notification');
      assert.deepEqual(input.unexpected, []);
    });
  }

  it('a credential error offers Switch Profile', async () => {
    await h.useAccount({ id: 'UNKNOWNKEYID0001', secret: 'UnknownSecret000000000000001' });
    const input = h.newUser();
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));
    const errors = input.notifications.filter((n) => n.kind === 'error');
    assert.equal(errors.length, 1, JSON.stringify(input.notifications));
    assert.ok(errors[0].actions.includes('Switch Profile'), errors[0].actions.join(', '));
    assert.match(errors[0].message, /\(error InvalidAccessKeyId\.NotFound, RequestId \S+\)/);
  });

  it('with no profile at all, Start Pair Drill shows the one guard: why, and the ways out (Add AccessKey Profile, Import from aliyun CLI)', async () => {
    const env = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_REGION_ID'];
    env.forEach((name) => delete process.env[name]);
    h.api.credentials.store.refresh(true);
    assert.deepEqual(h.api.credentials.store.list().filter((p) => !p.readOnly), [], 'no stored profile either');
    const input = h.newUser();
    const before = (await h.requests('StartPairDrill')).length;
    await vscode.commands.executeCommand('ebsDr.startPairDrill');
    assert.deepEqual(input.notifications, [
      { kind: 'warning', message: 'No EBS DR profile is active. Add a profile with an AccessKey first.', actions: ['Add AccessKey Profile', 'Import from aliyun CLI'] },
    ]);
    assert.deepEqual(input.prompts, [], 'no region or pair pick without a profile');
    assert.equal((await h.requests('StartPairDrill')).length, before);
    assert.deepEqual(input.unexpected, []);
  });

  it('every call is in the log with region, duration and RequestId, and no secret', () => {
    const lines = h.api.logLines();
    assert.ok(lines.some((l) => /StartPairDrill region=cn-shanghai duration=\d+ms attempt=\d requestId=[0-9A-F-]{8,} error=InternalError status=500/.test(l)), lines.slice(-5).join('\n'));
    assert.ok(!lines.some((l) => l.includes(DEMO.secret)));
  });
});
