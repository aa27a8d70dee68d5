// Drill evidence in a real VS Code against the emulator (its clock at real speed: drills finish in 3 s, clears take
// 2 s, so the measured figures are real measurements): the record of a drill started, finished and cleared with a
// verdict, the report built from it, a drill started in another window (another process) and cleared here, the
// freshness and overdue marks following the setting and the policy file, Drill Overdue Pairs, and the start
// confirmation that says plainly when the data is old.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DrillEvidence } from '../../src/evidence/evidence';
import { drillFigures } from '../../src/evidence/figures';
import type { NodeRef } from '../../src/replication/nodes';
import { TRACKED_DRILLS_KEY } from '../../src/drills/ui/store';
import { writeTeammateDrills } from '../fixtures/evidenceHistory';
import { DrillHarness, eventually, pairDrillNode, pairNode } from './support/drillHarness';

const SCENARIO = join(__dirname, '../../../test/fixtures/scenarios/drill-evidence.json');
const STARTED = /^Drill (drill-[a-z0-9]+) started for /;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ebsDr');

describe('Drill evidence: records, figures, report, freshness and Drill Overdue Pairs (emulator at real speed)', function () {
  this.timeout(90_000);
  let h: DrillHarness;
  let team: string;

  before(async () => {
    h = await DrillHarness.start(SCENARIO, 1, 90);
    await h.setConfirm(false);
    await h.api.globalState.update('ebsDr.regions.environment', ['cn-hangzhou']);
  });

  beforeEach(async () => {
    team = mkdtempSync(join(tmpdir(), 'ebs-dr-team-evidence-'));
    await config().update('evidenceFolder', team, vscode.ConfigurationTarget.Global);
    await h.api.evidence.reset();
    h.newUser();
  });

  afterEach(async () => {
    assert.deepEqual(h.input.unexpected, [], 'no unexpected prompts');
    await h.drills.reset();
    await h.emulator.admin.reset();
    await config().update('evidenceFolder', undefined, vscode.ConfigurationTarget.Global);
    await config().update('drillIntervalDays', 90, vscode.ConfigurationTarget.Global);
    rmSync(team, { recursive: true, force: true });
  });

  after(async () => {
    await h.api.globalState.update('ebsDr.regions.environment', undefined);
    await h?.stop();
  });

  async function start(pairId: string): Promise<string> {
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', pairId));
    const shown = await h.input.notification(STARTED);
    return STARTED.exec(shown.message)?.[1] ?? '';
  }

  /** Polls (as the tracker's timer would, only sooner) until the drill has the status, or is gone. */
  async function until(drillId: string, status: string | 'gone'): Promise<void> {
    await eventually(
      async () => {
        await h.drills.pollNow();
        const drill = h.drills.tracked().find((d) => d.drillId === drillId);
        return status === 'gone' ? drill === undefined : drill?.status === status;
      },
      `drill ${drillId} ${status}`,
      30_000,
    );
  }

  async function record(drillId: string): Promise<DrillEvidence> {
    const found = (await h.api.evidence.records()).filter((r) => r.drillId === drillId);
    assert.equal(found.length, 1, `one record of ${drillId}`);
    return found[0] as DrillEvidence;
  }

  /** Files holding the record of a drill, in a folder tree. */
  function recordFiles(folder: string, drillId: string): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
      if (!existsSync(dir)) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith(`${drillId}.json`)) out.push(join(dir, entry.name));
      }
    };
    walk(folder);
    return out;
  }

  it('records a drill started, finished and cleared with a verdict and a note; the report shows it with its measured figures', async () => {
    const drillId = await start('pair-ev-web01');
    await until(drillId, 'executed');
    h.input.confirmWith('Clear, Check Passed').type('mounted read-only | orders up to 09:58');
    await vscode.commands.executeCommand('ebsDr.clearDrill', pairDrillNode('cn-hangzhou', 'pair-ev-web01', drillId));
    await until(drillId, 'gone');
    await h.api.evidence.flushed();

    const r = await record(drillId);
    const [startCall] = (await h.requests('StartPairDrill')).filter((c) => c.status === 200);
    const [clearCall] = (await h.requests('ClearPairDrill')).filter((c) => c.status === 200);
    assert.equal(r.startRequestId, startCall?.requestId);
    assert.equal(r.clearRequestId, clearCall?.requestId);
    assert.equal(r.regionId, 'cn-shanghai');
    assert.equal(r.sourceRegionId, 'cn-hangzhou');
    assert.equal(r.zoneId, 'cn-shanghai-e');
    assert.equal(r.owner.id, 'pair-ev-web01');
    assert.equal(r.account.profileName, 'Environment');
    assert.equal(r.account.accessKeyId, 'EBSDRSANDBOXKEYID01');
    assert.equal(r.verdict, 'passed');
    assert.equal(r.notes, 'mounted read-only | orders up to 09:58');
    assert.equal(r.tracking.active, false);
    assert.deepEqual(
      r.events.map((e) => e.type),
      ['started', 'executed', 'clearRequested', 'verdict', 'cleared'],
    );
    assert.ok(r.drillDiskIds.length === 1 && r.drillDiskIds[0]?.startsWith('d-'), JSON.stringify(r.drillDiskIds));
    assert.equal(JSON.stringify(r).includes('Secret'), false, 'no secret in the record');

    const figures = drillFigures(r);
    // The emulator finishes a drill 3 s after StartAt (whole seconds); polled at once, the figure is that, honestly.
    assert.ok(figures.timeToUsableMs !== undefined && figures.timeToUsableMs >= 2_000 && figures.timeToUsableMs <= 8_000, JSON.stringify(figures));
    assert.ok(figures.resolutionMs !== undefined && figures.resolutionMs <= 5_000, JSON.stringify(figures));
    assert.ok(figures.rpoAtDrillMs !== undefined && figures.rpoAtDrillMs >= 0 && figures.rpoAtDrillMs <= 900_000, JSON.stringify(figures));
    assert.ok(figures.timeHeldMs !== undefined && figures.timeHeldMs >= 0, JSON.stringify(figures));
    // Both folders hold the record: the window's own storage and the team's evidence folder.
    assert.equal(recordFiles(h.api.evidence.folders().primary, drillId).length, 1);
    assert.equal(recordFiles(team, drillId).length, 1);

    h.input.pickLabels(['cn-hangzhou']).pick('Last 90 days');
    await vscode.commands.executeCommand('ebsDr.exportDrillReport');
    const report = await eventually(() => h.api.evidence.lastReport(), 'the report');
    assert.equal(createHash('sha256').update(report.json).digest('hex'), report.sha256);
    assert.ok(report.markdown.includes(report.sha256), 'the Markdown quotes the JSON twin’s SHA-256');
    for (const text of [drillId, 'web-01', r.startRequestId as string, r.clearRequestId as string, 'mounted read-only \\| orders up to 09:58']) {
      assert.ok(report.markdown.includes(text), `the Markdown shows ${text}`);
    }
    const json = JSON.parse(report.json) as { drills: Array<{ drillId: string; startRequestId?: string; verdict?: string }>; owners: Array<{ id: string }> };
    assert.deepEqual(json.drills.map((d) => d.drillId), [drillId]);
    assert.equal(json.drills[0]?.startRequestId, r.startRequestId);
    assert.ok(json.owners.some((o) => o.id === 'pair-ev-web01') && json.owners.some((o) => o.id === 'pg-ev-orders'));
    assert.ok(report.saved, 'saved into the evidence folder');
    assert.equal(readFileSync(report.saved.json, 'utf8'), report.json);
    assert.ok(vscode.workspace.textDocuments.some((d) => d.isUntitled && d.getText() === report.markdown), 'opened as an untitled editor');
    // The walkthrough's drill and clean-up steps complete from this state (its record), not from commands run on its page.
    const walkthrough = await h.api.walkthrough.state();
    assert.deepEqual([walkthrough.drilled, walkthrough.cleared], [true, true]);
  });

  it('a drill started in another window (another process) and cleared here is recorded once, with both windows’ events', async () => {
    const primary = h.api.evidence.folders().primary;
    const out = await new Promise<string>((resolve, reject) => {
      const args = { endpoint: h.emulator.url, accessKeyId: 'EBSDRSANDBOXKEYID01', accessKeySecret: 'EBSDRSandboxSecret0000000000001', primary, team, regionId: 'cn-shanghai', pairId: 'pair-ev-db01', profileId: 'environment', profileName: 'Environment' };
      execFile(process.execPath, [join(__dirname, 'support', 'otherWindow.js'), JSON.stringify(args)], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    const other = JSON.parse(out.trim()) as { drillId: string; requestId: string };
    // This window learns of it as a window does after a reload: from the shared record store.
    await h.drills.simulateReload();
    await eventually(() => h.drills.tracked().some((d) => d.drillId === other.drillId), 'this window to track the other window’s drill');
    await until(other.drillId, 'executed');
    h.input.confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', pairDrillNode('cn-hangzhou', 'pair-ev-db01', other.drillId));
    await until(other.drillId, 'gone');
    await h.api.evidence.flushed();

    const r = await record(other.drillId);
    assert.equal(r.startRequestId, other.requestId);
    assert.equal(r.startedBy?.osUser, 'other-window');
    const [clearCall] = (await h.requests('ClearPairDrill')).filter((c) => c.status === 200);
    assert.equal(r.clearRequestId, clearCall?.requestId);
    assert.deepEqual(
      r.events.map((e) => e.type),
      ['started', 'executed', 'clearRequested', 'verdict', 'cleared'],
      JSON.stringify(r.events),
    );
    assert.equal(r.verdict, 'notChecked');
    assert.equal(recordFiles(primary, other.drillId).length, 1, 'one file in the shared store');
    assert.equal(recordFiles(team, other.drillId).length, 1, 'one file in the evidence folder');
  });

  /**
   * The team's history for the freshness tests: web-01 drilled 10 days ago, db-01 100 days ago (overdue at 90),
   * archive-01 3 days ago, the orders-db group (and so its pairs) 5 days ago; log-01 and the failed-over pair never.
   */
  const TEAM_HISTORY = [
    { kind: 'pair', ownerId: 'pair-ev-web01', name: 'web-01', daysAgo: 10 },
    { kind: 'pair', ownerId: 'pair-ev-db01', name: 'db-01', daysAgo: 100 },
    { kind: 'pair', ownerId: 'pair-ev-old01', name: 'archive-01', daysAgo: 3 },
    { kind: 'group', ownerId: 'pg-ev-orders', name: 'orders-db', daysAgo: 5, memberPairIds: ['pair-ev-orders01', 'pair-ev-orders02'] },
  ] as const;

  /** A teammate's records, committed to the evidence folder: drills of the given age (days), all passed. */
  async function teammateDrilled(drills: ReadonlyArray<{ kind: 'pair' | 'group'; ownerId: string; name: string; daysAgo: number; memberPairIds?: readonly string[] }>): Promise<void> {
    await writeTeammateDrills(team, drills.map((d) => ({ ...d, memberPairIds: d.memberPairIds && [...d.memberPairIds], regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', sourceRegionId: 'cn-hangzhou' })));
    await h.api.evidence.reread();
  }

  async function rows(): Promise<Map<string, { description: string; color?: string }>> {
    const tree = h.api.replication;
    await vscode.commands.executeCommand('ebsDr.refresh');
    await tree.whenIdle();
    const found = new Map<string, { description: string; color?: string }>();
    const visit = async (node: NodeRef | undefined, depth: number): Promise<void> => {
      for (const child of (await tree.provider.getChildren(node)) ?? []) {
        const item = await tree.provider.getTreeItem(child);
        const icon = item.iconPath as vscode.ThemeIcon | undefined;
        found.set(String(typeof item.label === 'string' ? item.label : item.label?.label), {
          description: String(item.description ?? ''),
          color: (icon?.color as unknown as { id: string } | undefined)?.id,
        });
        if (depth < 1 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None && child.kind === 'region') await visit(child, depth + 1);
      }
    };
    await visit(undefined, 0);
    return found;
  }

  it('marks overdue pairs and groups following ebsDr.drillIntervalDays and the policy file; the region counts them', async () => {
    await teammateDrilled(TEAM_HISTORY);
    let shown = await rows();
    assert.match(shown.get('web-01')?.description ?? '', /drilled 10 d ago/);
    assert.notEqual(shown.get('web-01')?.color, 'list.warningForeground');
    assert.match(shown.get('db-01')?.description ?? '', /drilled 100 d ago/);
    assert.equal(shown.get('db-01')?.color, 'list.warningForeground');
    assert.match(shown.get('log-01')?.description ?? '', /never drilled/);
    assert.equal(shown.get('log-01')?.color, 'list.warningForeground');
    assert.match(shown.get('orders-db')?.description ?? '', /drilled 5 d ago/);
    assert.match(shown.get('cn-hangzhou')?.description ?? '', /3 of 8 overdue/, 'db-01, log-01 and the failed-over pair');
    await eventually(() => h.drills.statusBar().text === '$(warning) 3 overdue for a drill', `the overdue count in the status bar (${h.drills.statusBar().text})`);

    await config().update('drillIntervalDays', 120, vscode.ConfigurationTarget.Global);
    shown = await rows();
    assert.notEqual(shown.get('db-01')?.color, 'list.warningForeground', 'within 120 days');
    assert.match(shown.get('cn-hangzhou')?.description ?? '', /2 of 8 overdue/);

    writeFileSync(join(team, 'drill-policy.json'), JSON.stringify({ pairs: { 'web-01': 7, 'pair-ev-db01': 30 } }));
    await h.api.evidence.reread();
    shown = await rows();
    assert.equal(shown.get('web-01')?.color, 'list.warningForeground', 'the policy file asks for web-01 every 7 days');
    assert.equal(shown.get('db-01')?.color, 'list.warningForeground', 'and for db-01 (by ID) every 30 days');
    assert.match(shown.get('cn-hangzhou')?.description ?? '', /4 of 8 overdue/);

    await config().update('drillIntervalDays', 0, vscode.ConfigurationTarget.Global);
    writeFileSync(join(team, 'drill-policy.json'), '{}');
    await h.api.evidence.reread();
    shown = await rows();
    assert.doesNotMatch(shown.get('db-01')?.description ?? '', /drilled/, 'cadence off: no freshness marks');
    assert.doesNotMatch(shown.get('cn-hangzhou')?.description ?? '', /overdue/);
  });

  it('Drill Overdue Pairs starts exactly the overdue pairs of the region after one confirmation that lists them', async () => {
    await teammateDrilled(TEAM_HISTORY);
    await rows();
    h.input.confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.drillOverduePairs', { kind: 'region', id: 'region/cn-hangzhou', regionId: 'cn-hangzhou' });
    const summary = await h.input.notification(/^Drills started for 2 of 3 overdue pairs and groups/);
    const confirm = h.input.prompts.find((p) => p.type === 'confirm');
    assert.equal(confirm?.title, 'Start drills for the 3 overdue pairs and groups seen from cn-hangzhou?');
    assert.match(confirm?.detail ?? '', /db-01 \(pair-ev-db01\): 1 drill disk in cn-shanghai-f/);
    assert.match(confirm?.detail ?? '', /log-01 \(pair-ev-log01\): 1 drill disk in cn-shanghai-e/);
    assert.match(confirm?.detail ?? '', /Not started:\n• failed-over \(pair-ev-fo01\): The pair is failed over; /);
    const drills = (await h.emulator.admin.state()).drills as Array<{ Kind: string; PairId?: string; GroupId?: string }>;
    assert.deepEqual(drills.map((d) => d.PairId ?? d.GroupId).sort(), ['pair-ev-db01', 'pair-ev-log01'], 'exactly the overdue drillable pairs');
    assert.match(summary.message, /Not started: failed-over \(pair-ev-fo01\)/);
    await eventually(() => h.drills.tracked().length === 2, 'both drills tracked');
  });

  it('takes over the drills an earlier version kept under one globalState key, once', async () => {
    const legacy = {
      kind: 'pair',
      regionId: 'cn-shanghai',
      ownerId: 'pair-ev-web01',
      ownerName: 'web-01',
      zoneId: 'cn-shanghai-e',
      drillId: 'drill-0legacy7k2m9q4w1x3z',
      account: 'environment',
      status: 'executed',
      disks: [{ pairId: 'pair-ev-web01', diskId: 'd-0legacy8vq2k1x7c3', status: 'created' }],
      startedAt: Date.now() - 3_600_000,
      followed: false,
    };
    await h.api.globalState.update(TRACKED_DRILLS_KEY, [legacy]);
    await h.drills.simulateReload();
    await eventually(() => h.drills.tracked().some((d) => d.drillId === legacy.drillId), 'the old key’s drill to be tracked');
    await eventually(() => h.api.globalState.get(TRACKED_DRILLS_KEY) === undefined, 'the old key to be removed once the drills are in the records');
    await h.api.evidence.flushed();
    await h.api.evidence.reread();
    const r = await record(legacy.drillId);
    assert.equal(r.tracking.active, true);
    await h.drills.simulateReload();
    assert.ok(h.drills.tracked().some((d) => d.drillId === legacy.drillId), 'a reload finds it in the records');
  });

  it('the start confirmation says plainly that a stopped pair’s drill uses old data (even with confirmations off)', async () => {
    h.input.confirmWith(false);
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-ev-old01'));
    const confirm = await eventually(() => h.input.prompts.find((p) => p.type === 'confirm'), 'the confirmation');
    assert.match(confirm.detail ?? '', /^The pair is stopped: replication does not run, so this drill will use data from \d{3} d ago\./);
    assert.deepEqual((await h.emulator.admin.state()).drills, [], 'cancelled: nothing started');
  });
});
