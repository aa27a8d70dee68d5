// The teammate's drill history the host tests and the demo seed (test/fixtures/evidenceHistory.ts): what freshness
// reads from it (the UI and host tests assert those ages), and the verified drills it holds.
import * as assert from 'node:assert/strict';
import { drillFigures } from '../../../src/evidence/figures';
import { DAY_MS, freshness, freshnessText, isSuccessfulDrill } from '../../../src/evidence/freshness';
import { OUTPUT_EXCERPT_CHARS } from '../../../src/evidence/evidence';
import { EvidenceStore } from '../../../src/evidence/store';
import { formatMessage } from '../../../src/shared/text';
import { writeTeammateDrills } from '../../fixtures/evidenceHistory';
import { DEMO_DRILL_HISTORY } from '../../sandbox/demo';
import { tempFolder } from './fixtures';

const NOW = Date.parse('2026-03-01T08:00:00Z');

async function seeded(history: Parameters<typeof writeTeammateDrills>[1]) {
  const team = tempFolder('ebs-dr-history-');
  try {
    await writeTeammateDrills(team.path, history, NOW);
    return await new EvidenceStore({ primary: team.path }).readAll();
  } finally {
    team.remove();
  }
}

describe('evidence: the teammate drill history fixture', () => {
  it('the demo history keeps its ages: web-01 12 d, app-01 130 d (its failed verification does not count), all verified ones passed', async () => {
    const records = await seeded(DEMO_DRILL_HISTORY);
    assert.equal(records.length, DEMO_DRILL_HISTORY.length);
    const age = (kind: 'pair' | 'group', id: string): string => formatMessage(freshnessText(freshness({ kind, id }, records, 90, NOW), NOW));
    assert.equal(age('pair', 'pair-demo-web01'), 'drilled 12 d ago');
    assert.equal(age('pair', 'pair-demo-app01'), 'drilled 130 d ago');
    assert.equal(freshness({ kind: 'pair', id: 'pair-demo-app01' }, records, 90, NOW).overdue, true);
    assert.equal(age('group', 'pg-demo-crm'), 'drilled 20 d ago');
    assert.equal(age('pair', 'pair-demo-crm02'), 'drilled 20 d ago');
    assert.equal(age('group', 'pg-demo-orders'), 'drilled 40 d ago');
    assert.equal(age('pair', 'pair-demo-log01'), 'drilled 200 d ago');

    const verified = records.filter((r) => r.verification !== undefined);
    assert.deepEqual(verified.map((r) => `${r.owner.id}:${r.verification?.state}`).sort(), ['pair-demo-app01:failed', 'pair-demo-web01:passed', 'pg-demo-crm:passed']);
    for (const r of verified) {
      const v = r.verification!;
      assert.match(v.instance.instanceId, /^i-[a-z0-9]{20}$/);
      assert.equal(v.instance.zoneId, r.zoneId);
      assert.match(v.script.sha256, /^[0-9a-f]{64}$/);
      assert.equal(r.verdict, undefined, 'no verdict by hand: the verification decides');
      for (const d of v.disks) {
        assert.ok((d.output ?? '').length <= OUTPUT_EXCERPT_CHARS);
        assert.match(d.output ?? '', /^EBS-DR: device=\/dev\/vd[b-z]\nEBS-DR: filesystem=ext4\n/);
      }
      assert.equal(isSuccessfulDrill(r), v.state === 'passed');
      assert.equal(r.events.some((e) => e.type === (v.state === 'passed' ? 'verifyPassed' : 'verifyFailed')), true);
    }
    const crm = verified.find((r) => r.owner.id === 'pg-demo-crm')!;
    assert.deepEqual(crm.verification!.disks.map((d) => [d.pairId, d.exitCode, d.verdict]), [['pair-demo-crm01', 0, 'passed'], ['pair-demo-crm02', 0, 'passed']]);
    assert.match(crm.verification!.disks[1]!.output ?? '', /EBS-DR: fsck=clean\n[\s\S]*lost\+found[\s\S]*EBS-DR: result=passed\n$/);
    assert.equal(crm.events.filter((e) => e.type === 'diskAttached').length, 2);
    const failed = verified.find((r) => r.verification?.state === 'failed')!;
    assert.equal(failed.verification!.disks[0]!.exitCode, 1);
    assert.match(failed.verification!.disks[0]!.output ?? '', /EBS-DR: result=failed fsck found errors\n$/);
    const figures = drillFigures(verified.find((r) => r.owner.id === 'pair-demo-web01')!);
    assert.equal(figures.timeToVerifiedMs, 625_000, 'checked from 610 s to 625 s after the start');
  });

  it('a drill without a verification is judged passed by hand, so the host tests’ history counts as before', async () => {
    const records = await seeded([
      { kind: 'pair', ownerId: 'pair-ev-web01', name: 'web-01', daysAgo: 10, regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', sourceRegionId: 'cn-hangzhou' },
      { kind: 'group', ownerId: 'pg-ev-orders', name: 'orders-db', daysAgo: 5, memberPairIds: ['pair-ev-orders01', 'pair-ev-orders02'], regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', sourceRegionId: 'cn-hangzhou' },
    ]);
    assert.ok(records.every((r) => r.verdict === 'passed' && r.verification === undefined && isSuccessfulDrill(r)));
    assert.equal(freshness({ kind: 'pair', id: 'pair-ev-web01' }, records, 90, NOW).lastDrilledAt, NOW - 10 * DAY_MS);
    assert.equal(freshness({ kind: 'pair', id: 'pair-ev-orders02' }, records, 90, NOW).lastDrilledAt, NOW - 5 * DAY_MS);
  });
});
