// The parsers from the EBS 2021-07-30 answers (shapes in wireShapes.ts) to the domain records. A pair and a group
// share their replication fields, a pair drill and a group drill their drill fields: each shared part is read once,
// from the wire names of its kind. An answer that lacks a required field is an EbsError `UnexpectedResponse`.

import {
  assign,
  isObject,
  objects,
  Obj,
  optBoolean,
  optNumber,
  optSharedString,
  optString,
  requestIdOf,
  requireArray,
  requireString,
  shared,
  sharedStr,
  str,
  stringList,
  tags,
  unexpected,
  unixSecondsToDate,
  unixSecondsToMs,
} from './coerce';
import { GROUP_DRILL, PAIR_DRILL } from './drillKinds';
import { uniqueBy, WireNotes } from './wireNotes';
import {
  DrillRecord,
  GroupDrill,
  GroupDrillPair,
  PairDrill,
  Region,
  ReplicaGroup,
  ReplicaPair,
  ReplicaPairProgress,
  ReplicationRecord,
  StartDrillResult,
  Zone,
} from './types';

export { unixSecondsToDate } from './coerce';

export function parseDescribeRegions(body: unknown): Region[] {
  const what = 'DescribeRegions';
  return objects(requireArray(body, 'Regions', what), what, body).map((r) => ({
    regionId: requireString(r, 'RegionId', `${what} region`, body),
    localName: str(r.LocalName),
    endpoint: str(r.RegionEndpoint),
    zones: Array.isArray(r.Zones)
      ? r.Zones.filter(isObject).map(
          (z): Zone => ({ zoneId: str(z.ZoneId), localName: str(z.LocalName), resourceTypes: stringList(z.ResourceTypes) }),
        )
      : [],
  }));
}

/** The wire names of a replication record: pairs and groups name their ID, name and regions differently. */
interface RecordNames {
  what: string;
  id: 'ReplicaPairId' | 'ReplicaGroupId';
  name: 'PairName' | 'GroupName';
  sourceRegion: 'SourceRegion' | 'SourceRegionId';
  destinationRegion: 'DestinationRegion' | 'DestinationRegionId';
}

const PAIR_NAMES: RecordNames = {
  what: 'DescribeDiskReplicaPairs pair',
  id: 'ReplicaPairId',
  name: 'PairName',
  sourceRegion: 'SourceRegion',
  destinationRegion: 'DestinationRegion',
};

const GROUP_NAMES: RecordNames = {
  what: 'DescribeDiskReplicaGroups group',
  id: 'ReplicaGroupId',
  name: 'GroupName',
  sourceRegion: 'SourceRegionId',
  destinationRegion: 'DestinationRegionId',
};

/** The fields a pair and a group share (their optional ones included). */
function replicationRecord(r: Obj, names: RecordNames, body: unknown, notes: WireNotes | undefined): ReplicationRecord {
  const record: ReplicationRecord = {
    name: str(r[names.name]),
    description: str(r.Description),
    status: shared(requireString(r, 'Status', names.what, body)),
    sourceRegionId: sharedStr(r[names.sourceRegion]),
    sourceZoneId: sharedStr(r.SourceZoneId),
    destinationRegionId: sharedStr(r[names.destinationRegion]),
    destinationZoneId: sharedStr(r.DestinationZoneId),
    primaryRegionId: sharedStr(r.PrimaryRegion),
    primaryZoneId: sharedStr(r.PrimaryZone),
    standbyRegionId: sharedStr(r.StandbyRegion),
    standbyZoneId: sharedStr(r.StandbyZone),
    tags: tags(r.Tags),
  };
  // Optional fields are stored one by one, not through assign(): a full inventory maps tens of thousands of pairs, and
  // a store site per field keeps each one monomorphic where assign()'s single keyed store sees every field.
  const rpoSeconds = optNumber(r.RPO);
  if (rpoSeconds !== undefined) record.rpoSeconds = rpoSeconds;
  const bandwidthKbps = optNumber(r.Bandwidth);
  if (bandwidthKbps !== undefined) record.bandwidthKbps = bandwidthKbps;
  const lastRecoverPoint = unixSecondsToMs(r.LastRecoverPoint, notes, 'LastRecoverPoint');
  if (lastRecoverPoint !== undefined) record.lastRecoverPoint = lastRecoverPoint;
  const site = optSharedString(r.Site);
  if (site !== undefined) record.site = site;
  const resourceGroupId = optSharedString(r.ResourceGroupId);
  if (resourceGroupId !== undefined) record.resourceGroupId = resourceGroupId;
  const enableRtc = optBoolean(r.EnableRtc);
  if (enableRtc !== undefined) record.enableRtc = enableRtc;
  return record;
}

export function mapReplicaPair(p: Obj, body?: unknown, notes?: WireNotes): ReplicaPair {
  const pairId = requireString(p, PAIR_NAMES.id, PAIR_NAMES.what, body);
  // The shared record grows into the pair in place (a copy or Object.assign costs a third more over a big inventory);
  // the cast holds because the pair's required fields are the next three stores.
  const pair = replicationRecord(p, PAIR_NAMES, body, notes) as ReplicaPair;
  pair.pairId = pairId;
  pair.sourceDiskId = str(p.SourceDiskId);
  pair.destinationDiskId = str(p.DestinationDiskId);
  const statusMessage = optString(p.StatusMessage);
  if (statusMessage !== undefined) pair.statusMessage = statusMessage;
  const createdAt = unixSecondsToMs(p.CreateTime, notes, 'CreateTime');
  if (createdAt !== undefined) pair.createdAt = createdAt;
  const expiresAt = unixSecondsToMs(p.ExpiredTime, notes, 'ExpiredTime', true);
  if (expiresAt !== undefined) pair.expiresAt = expiresAt;
  const chargeType = optSharedString(p.ChargeType);
  if (chargeType !== undefined) pair.chargeType = chargeType;
  const groupId = optSharedString(p.ReplicaGroupId);
  if (groupId !== undefined) pair.groupId = groupId;
  const groupName = optSharedString(p.ReplicaGroupName);
  if (groupName !== undefined) pair.groupName = groupName;
  return pair;
}

/** A replica group; it has no StatusMessage (the service's model has none). */
export function mapReplicaGroup(g: Obj, body?: unknown, notes?: WireNotes): ReplicaGroup {
  const groupId = requireString(g, GROUP_NAMES.id, GROUP_NAMES.what, body);
  const group = replicationRecord(g, GROUP_NAMES, body, notes) as ReplicaGroup;
  group.groupId = groupId;
  group.pairIds = uniqueBy(stringList(g.PairIds), (id) => id, notes);
  assign(group, 'pairCount', optNumber(g.PairNumber));
  return group;
}

export function parseReplicaPairsPage(body: unknown, notes?: WireNotes): ReplicaPair[] {
  const what = 'DescribeDiskReplicaPairs';
  return objects(requireArray(body, 'ReplicaPairs', what), what, body).map((p) => mapReplicaPair(p, body, notes));
}

export function parseReplicaGroupsPage(body: unknown, notes?: WireNotes): ReplicaGroup[] {
  const what = 'DescribeDiskReplicaGroups';
  return objects(requireArray(body, 'ReplicaGroups', what), what, body).map((g) => mapReplicaGroup(g, body, notes));
}

/** A page of `Drills` of either kind: the shared drill fields here, the kind's own ones from `own`. */
function parseDrillsPage<D extends DrillRecord>(action: string, body: unknown, notes: WireNotes | undefined, own: (d: Obj, shared: DrillRecord) => D): D[] {
  const what = `${action} drill`;
  return objects(requireArray(body, 'Drills', action), action, body).map((d) => {
    const drill = own(d, { drillId: requireString(d, 'DrillId', what, body), status: requireString(d, 'Status', what, body) });
    assign(drill, 'statusMessage', optString(d.StatusMessage));
    assign(drill, 'startedAt', unixSecondsToDate(d.StartAt, notes, 'StartAt'));
    assign(drill, 'recoverPoint', unixSecondsToDate(d.RecoverPoint, notes, 'RecoverPoint'));
    return drill;
  });
}

export function parsePairDrillsPage(body: unknown, pairId: string, notes?: WireNotes): PairDrill[] {
  return parseDrillsPage(PAIR_DRILL.describe, body, notes, (d, { drillId, status }) => {
    const drill: PairDrill = { drillId, pairId, status };
    assign(drill, 'drillDiskId', optString(d.DrillDiskId));
    assign(drill, 'drillDiskStatus', optString(d.DrillDiskStatus));
    return drill;
  });
}

export function parseGroupDrillsPage(body: unknown, groupId: string, notes?: WireNotes): GroupDrill[] {
  return parseDrillsPage(GROUP_DRILL.describe, body, notes, (d, { drillId, status }) => ({
    drillId,
    groupId: optString(d.GroupId) ?? groupId,
    status,
    pairs: Array.isArray(d.PairsInfo)
      ? uniqueBy(
          d.PairsInfo.filter(isObject).map((p) => {
            const info: GroupDrillPair = { pairId: str(p.PairId) };
            assign(info, 'drillDiskId', optString(p.DrillDiskId));
            assign(info, 'drillDiskStatus', optString(p.DrillDiskStatus));
            return info;
          }),
          (info) => info.pairId,
          notes,
        )
      : [],
  }));
}

export function parseStartDrill(body: unknown, action: string): StartDrillResult {
  if (!isObject(body)) throw unexpected(`${action}: the response body is not a JSON object.`);
  return { drillId: requireString(body, 'DrillId', action, body), requestId: requestIdOf(body) };
}

export function parseReplicaPairProgress(body: unknown, pairId: string, notes?: WireNotes): ReplicaPairProgress {
  if (!isObject(body)) throw unexpected('DescribeDiskReplicaPairProgress: the response body is not a JSON object.');
  const progress: ReplicaPairProgress = { pairId, requestId: requestIdOf(body) };
  assign(progress, 'progress', optNumber(body.Progress));
  assign(progress, 'recoverPoint', unixSecondsToDate(body.RecoverPoint, notes, 'RecoverPoint'));
  return progress;
}
