// Checking a key before it is saved: one cheap DescribeRegions call says whether Alibaba Cloud accepts the
// AccessKey (and STS token); two cheap list calls in the default region find missing read permissions. Pure.
import { explainError, type ErrorExplanation } from '../ebs/catalogue';
import { toEbsError } from '../ebs/errors';

/** The calls the check makes; the shell passes an EbsClient built from the draft credentials. */
export interface KeyProbe {
  describeRegions(options: { resourceType: 'ear'; regionId: string }): Promise<unknown>;
  listReplicaPairs(regionId: string): Promise<unknown>;
  listReplicaGroups(regionId: string): Promise<unknown>;
}

export type KeyCheck =
  | { outcome: 'valid' }
  /** Alibaba Cloud accepted the key, but RAM denied these actions (e.g. `ebs:DescribeDiskReplicaPairs`). */
  | { outcome: 'limited'; missingActions: string[] }
  /** Alibaba Cloud rejected the key: unknown ID, wrong secret, expired or wrong STS token. */
  | { outcome: 'rejected'; explanation: ErrorExplanation }
  /** The endpoint could not be reached or did not answer in time. */
  | { outcome: 'unreachable'; explanation: ErrorExplanation }
  /** Anything else (throttling, internal errors, bad endpoint setting…). */
  | { outcome: 'failed'; explanation: ErrorExplanation };

const PROBES: { action: string; call: (probe: KeyProbe, regionId: string) => Promise<unknown> }[] = [
  { action: 'DescribeRegions', call: (probe, regionId) => probe.describeRegions({ resourceType: 'ear', regionId }) },
  { action: 'DescribeDiskReplicaPairs', call: (probe, regionId) => probe.listReplicaPairs(regionId) },
  { action: 'DescribeDiskReplicaGroups', call: (probe, regionId) => probe.listReplicaGroups(regionId) },
];

const UNREACHABLE = new Set(['NetworkError', 'Timeout', 'DeadlineExceeded', 'GatewayError']);

export async function checkAccessKey(probe: KeyProbe, regionId: string): Promise<KeyCheck> {
  const missingActions: string[] = [];
  for (const [index, { action, call }] of PROBES.entries()) {
    try {
      await call(probe, regionId);
    } catch (error) {
      const explanation = explainError(error);
      if (explanation.category === 'permission') {
        missingActions.push(`ebs:${toEbsError(error).action ?? action}`);
        continue;
      }
      if (explanation.category === 'credentials') return { outcome: 'rejected', explanation };
      // Only the first call decides reachability and other failures; after it passed, the key is known to work.
      if (index === 0) return { outcome: UNREACHABLE.has(explanation.code) ? 'unreachable' : 'failed', explanation };
    }
  }
  return missingActions.length > 0 ? { outcome: 'limited', missingActions } : { outcome: 'valid' };
}
