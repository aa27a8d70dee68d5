// "Another window" for the evidence host tests: a separate Node process that does what a second VS Code window of
// the extension does when the user starts a drill there: StartPairDrill through the real EBS client, then the
// drill's record (start event with the RequestId) and its tracking state written into the shared record folder by
// the real evidence core. It prints the DrillId and the RequestId as one JSON line.
//   node otherWindow.js '{"endpoint":…,"accessKeyId":…,"accessKeySecret":…,"primary":…,"team":…,"regionId":…,"pairId":…}'
import { EbsClient } from '../../../src/ebs/client';
import { newClientToken } from '../../../src/ebs/clientToken';
import type { TrackedDrill } from '../../../src/drills/model';
import { EvidenceJournal } from '../../../src/evidence/evidenceJournal';
import { RecordSet } from '../../../src/evidence/recordSet';
import { EvidenceStore } from '../../../src/evidence/store';
import { evidenceDrillStore } from '../../../src/evidence/trackerStore';

interface Args {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  primary: string;
  team?: string;
  /** The DR region the drill runs in, and the pair. */
  regionId: string;
  pairId: string;
  profileId: string;
  profileName: string;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as Args;
  const client = new EbsClient({ credentials: { accessKeyId: args.accessKeyId, accessKeySecret: args.accessKeySecret }, endpointTemplate: args.endpoint });
  const [pair] = await client.listReplicaPairs(args.regionId, { pairIds: [args.pairId] });
  if (!pair) throw new Error(`no pair ${args.pairId} in ${args.regionId}`);
  const { drillId, requestId } = await client.startPairDrill({ regionId: args.regionId, pairId: args.pairId, clientToken: newClientToken() });
  const store = new EvidenceStore({ primary: args.primary, mirror: args.team });
  const journal = new EvidenceJournal({
    store,
    records: new RecordSet(),
    account: async () => ({ profileName: args.profileName, accessKeyId: args.accessKeyId }),
    osUser: 'other-window',
    extensionVersion: 'other-window',
    now: () => Date.now(),
    onError: (_drill, error) => {
      throw error;
    },
  });
  const drill: TrackedDrill = {
    kind: 'pair',
    regionId: args.regionId,
    ownerId: pair.pairId,
    ownerName: pair.name,
    zoneId: pair.destinationZoneId,
    drillId,
    account: args.profileId,
    status: 'executing',
    disks: [],
    startedAt: Date.now(),
    recoverPoint: pair.lastRecoverPoint,
    followed: true,
    fastPoll: true,
  };
  journal.started(drill, { target: { kind: 'pair', ownerId: pair.pairId, ownerName: pair.name, regionId: args.regionId, zoneId: pair.destinationZoneId, sourceRegionId: pair.sourceRegionId, status: pair.status, recoverPoint: drill.recoverPoint, rpoSeconds: pair.rpoSeconds }, requestId, adopted: false });
  await journal.flushed();
  const tracker = evidenceDrillStore(store, () => ({ name: args.profileName }), 'other-window', () => Date.now());
  tracker.load();
  await tracker.save([drill]);
  await tracker.flushed();
  process.stdout.write(`${JSON.stringify({ drillId, requestId })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
