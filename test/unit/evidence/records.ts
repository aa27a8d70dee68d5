// Evidence records for the evidence tests: a builder that fills the events from the times it is given.
import { EVIDENCE_SCHEMA_VERSION, type Actor, type DrillEvidence, type EvidenceEvent } from '../../../src/evidence/evidence';
import { sortEvents } from '../../../src/evidence/merge';

export const NOW = Date.parse('2026-03-01T08:00:00Z');

export const ME: Actor = { osUser: 'lwang', profileName: 'prod-dr' };
export const TEAMMATE: Actor = { osUser: 'chen.jie', profileName: 'ops-dr' };

const MY_ACCOUNT = { profileId: '6f1d2c3b-8a9e-4b7c-9d0e-1f2a3b4c5d6e', profileName: 'prod-dr', accessKeyId: 'STS.NUqS7FAKEFAKEFAKE' };
const TEAMMATE_ACCOUNT = { profileId: '0c9b8a7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d', profileName: 'ops-dr', accessKeyId: 'FAKEAKIDEBSDR0000002' };

const iso0 = '2026-01-01T00:00:00.000Z';

export type RecordSpec = Partial<DrillEvidence> & { drillId: string; owner: DrillEvidence['owner']; regionId: string };

/**
 * A record whose events follow from its times (started, executed, failed, clear requested, cleared, gone, verdict,
 * and a verification's started, attached, detached and outcome).
 */
export function drillRecord(spec: RecordSpec, teammate = false): DrillEvidence {
  const by = spec.startedBy ?? (teammate ? TEAMMATE : ME);
  // Who started a drill is known only when this extension started it (a discovered drill has no StartPairDrill answer).
  const startedBy = spec.startedBy ?? (spec.startRequestId ? by : undefined);
  const base: DrillEvidence = {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    kind: spec.drillId.startsWith('pg-drill-') ? 'group' : 'pair',
    account: teammate ? TEAMMATE_ACCOUNT : MY_ACCOUNT,
    drillDiskIds: [],
    extensionVersion: '0.1.0',
    status: 'executed',
    statusAt: spec.updatedAt ?? spec.startAt ?? iso0,
    disks: [],
    tracking: { active: false, followed: true },
    events: [],
    updatedAt: iso0,
    ...spec,
    startedBy,
  };
  const events: EvidenceEvent[] = [];
  const add = (type: EvidenceEvent['type'], at: string | undefined, extra: Partial<EvidenceEvent> = {}): void => {
    if (at !== undefined) events.push({ type, at, ...extra });
  };
  if (spec.startRequestId) add('started', base.startAt, { requestId: spec.startRequestId, by });
  else add('discovered', base.lastExecutingAt ?? base.firstExecutedAt ?? base.failedAt ?? base.startAt, { by });
  add('executed', base.firstExecutedAt);
  add('failed', base.failedAt, { statusMessage: base.statusMessage });
  add('clearRequested', base.clearRequestedAt, { requestId: base.clearRequestId, by: base.clearedBy });
  add('cleared', base.clearedAt);
  add('gone', base.goneAt);
  add('verdict', base.verdictAt, { by: base.verdictBy });
  const v = base.verification;
  if (v) {
    add('verifyStarted', v.startedAt, { by: v.by, instanceId: v.instance.instanceId });
    for (const d of v.disks) {
      add('diskAttached', d.attachedAt, { diskId: d.diskId, instanceId: v.instance.instanceId, requestId: d.attachRequestId });
      add('diskDetached', d.detachedAt, { diskId: d.diskId, instanceId: v.instance.instanceId, requestId: d.detachRequestId });
    }
    const outcome = v.state === 'passed' ? 'verifyPassed' : v.state === 'failed' ? 'verifyFailed' : v.state === 'incomplete' ? 'verifyIncomplete' : undefined;
    if (outcome) add(outcome, v.finishedAt ?? v.verifiedAt, v.problem ? { statusMessage: v.problem } : {});
  }
  base.events = spec.events ?? sortEvents(events);
  base.updatedAt = spec.updatedAt ?? base.events[base.events.length - 1]?.at ?? iso0;
  return base;
}
