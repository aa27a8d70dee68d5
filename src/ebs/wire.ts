// PascalCase wire shapes of EBS 2021-07-30 (ebs-api.md §4–§9) and their mapping to the domain types.
// Everything that comes off the wire is `unknown` until checked here: numbers may arrive as digit
// strings, optional fields may be missing or null, Unix-second timestamps become Dates. A 200 whose
// body lacks a required field becomes an EbsError `UnexpectedResponse`, never a crash.

import { EbsError, LocalErrorCode } from './errors';
import {
  GroupDrill,
  GroupDrillPair,
  PairDrill,
  Region,
  ReplicaGroup,
  ReplicaPair,
  ReplicaPairProgress,
  StartDrillResult,
  Tag,
  Zone,
} from './types';

// ---------------------------------------------------------------------------------------------
// Wire shapes (documentation of what we read; every field may be missing in practice)
// ---------------------------------------------------------------------------------------------

export interface WireTag {
  TagKey?: string;
  TagValue?: string;
}

export interface WireZone {
  ZoneId: string;
  LocalName?: string;
  ResourceTypes?: string[];
}

export interface WireRegion {
  RegionId: string;
  LocalName?: string;
  RegionEndpoint?: string;
  Zones?: WireZone[];
}

export interface WireDescribeRegionsResponse {
  RequestId: string;
  Regions: WireRegion[];
}

export interface WirePage {
  RequestId: string;
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
}

export interface WireReplicaPair {
  ReplicaPairId: string;
  PairName?: string;
  Description?: string;
  Status: string;
  StatusMessage?: string;
  SourceDiskId?: string;
  SourceRegion?: string;
  SourceZoneId?: string;
  DestinationDiskId?: string;
  DestinationRegion?: string;
  DestinationZoneId?: string;
  PrimaryRegion?: string;
  PrimaryZone?: string;
  StandbyRegion?: string;
  StandbyZone?: string;
  RPO?: number;
  Bandwidth?: number;
  LastRecoverPoint?: number;
  CreateTime?: number;
  ExpiredTime?: number;
  ChargeType?: string;
  ReplicaGroupId?: string;
  ReplicaGroupName?: string;
  Site?: string;
  ResourceGroupId?: string;
  Tags?: WireTag[];
  EnableRtc?: boolean;
}

export interface WireDescribeDiskReplicaPairsResponse extends WirePage {
  ReplicaPairs: WireReplicaPair[];
}

export interface WireReplicaGroup {
  ReplicaGroupId: string;
  GroupName?: string;
  Description?: string;
  Status: string;
  StatusMessage?: string;
  SourceRegionId?: string;
  SourceZoneId?: string;
  DestinationRegionId?: string;
  DestinationZoneId?: string;
  PrimaryRegion?: string;
  PrimaryZone?: string;
  StandbyRegion?: string;
  StandbyZone?: string;
  RPO?: number;
  LastRecoverPoint?: number;
  Site?: string;
  PairIds?: string[];
  PairNumber?: number;
  Bandwidth?: number;
  ResourceGroupId?: string;
  Tags?: WireTag[];
  EnableRtc?: boolean;
}

export interface WireDescribeDiskReplicaGroupsResponse extends WirePage {
  ReplicaGroups: WireReplicaGroup[];
}

export interface WirePairDrill {
  DrillId: string;
  Status: string;
  StatusMessage?: string;
  DrillDiskId?: string;
  DrillDiskStatus?: string;
  StartAt?: number;
  RecoverPoint?: number;
}

export interface WireDescribePairDrillsResponse extends WirePage {
  Drills: WirePairDrill[];
}

export interface WireGroupDrill {
  DrillId: string;
  GroupId?: string;
  Status: string;
  StatusMessage?: string;
  StartAt?: number;
  RecoverPoint?: number;
  PairsInfo?: { PairId: string; DrillDiskId?: string; DrillDiskStatus?: string }[];
}

export interface WireDescribeReplicaGroupDrillsResponse extends WirePage {
  Drills: WireGroupDrill[];
}

export interface WireStartDrillResponse {
  RequestId: string;
  DrillId: string;
}

export interface WireDescribeDiskReplicaPairProgressResponse {
  RequestId: string;
  Progress?: number;
  RecoverPoint?: number;
}

// ---------------------------------------------------------------------------------------------
// Coercion
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpected(message: string, body?: unknown): EbsError {
  const requestId = isObject(body) ? optString(body.RequestId) : undefined;
  return new EbsError({ code: LocalErrorCode.UnexpectedResponse, message, requestId, retryable: false });
}

function optString(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function str(value: unknown): string {
  return optString(value) ?? '';
}

function optNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function optBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === 1 || value === '1') return true;
  if (value === false || value === 'false' || value === 0 || value === '0') return false;
  return undefined;
}

const MAX_DATE_MS = 8.64e15;

/** Unix seconds (number or digit string) → Date; 0, negative, missing or garbage → undefined. */
export function unixSecondsToDate(value: unknown): Date | undefined {
  const seconds = optNumber(value);
  if (seconds === undefined || seconds <= 0) return undefined;
  const ms = seconds * 1000;
  // Beyond ±8.64e15 ms a Date is invalid (ECMAScript TimeClip): checked before allocating one.
  return ms <= MAX_DATE_MS ? new Date(ms) : undefined;
}

function requireString(record: Obj, field: string, what: string, body: unknown): string {
  const value = optString(record[field]);
  if (value === undefined) throw unexpected(`${what} lacks ${field}.`, body);
  return value;
}

/** A required array; JSON null counts as empty, anything else that is not an array is an error. */
function requireArray(body: unknown, field: string, what: string): unknown[] {
  if (!isObject(body)) throw unexpected(`${what}: the response body is not a JSON object.`);
  const value = body[field];
  if (value === null) return [];
  if (!Array.isArray(value)) throw unexpected(`${what}: the response lacks the array ${field}.`, body);
  return value;
}

function objects(items: unknown[], what: string, body: unknown): Obj[] {
  return items.map((item, i) => {
    if (!isObject(item)) throw unexpected(`${what}: item ${i} is not an object.`, body);
    return item;
  });
}

function tags(value: unknown): Tag[] {
  const out: Tag[] = [];
  if (!Array.isArray(value)) return out;
  for (const t of value) if (isObject(t)) out.push({ key: str(t.TagKey), value: str(t.TagValue) });
  return out;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => str(v).split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

export function requestIdOf(body: unknown): string {
  const id = isObject(body) ? optString(body.RequestId) : undefined;
  if (id === undefined) throw unexpected('The response lacks RequestId.', body);
  return id;
}

/** NextToken of a page; empty or missing means last page. */
export function nextTokenOf(body: unknown): string | undefined {
  return isObject(body) ? optString(body.NextToken) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

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

export function mapReplicaPair(p: Obj, body?: unknown): ReplicaPair {
  const what = 'DescribeDiskReplicaPairs pair';
  const pair: ReplicaPair = {
    pairId: requireString(p, 'ReplicaPairId', what, body),
    name: str(p.PairName),
    description: str(p.Description),
    status: requireString(p, 'Status', what, body),
    sourceRegionId: str(p.SourceRegion),
    sourceZoneId: str(p.SourceZoneId),
    sourceDiskId: str(p.SourceDiskId),
    destinationRegionId: str(p.DestinationRegion),
    destinationZoneId: str(p.DestinationZoneId),
    destinationDiskId: str(p.DestinationDiskId),
    primaryRegionId: str(p.PrimaryRegion),
    primaryZoneId: str(p.PrimaryZone),
    standbyRegionId: str(p.StandbyRegion),
    standbyZoneId: str(p.StandbyZone),
    tags: tags(p.Tags),
  };
  // Optional fields are stored one by one, not through assign(): a full inventory maps tens of thousands of pairs, and
  // a store site per field keeps each one monomorphic where assign()'s single keyed store sees every field.
  const statusMessage = optString(p.StatusMessage);
  if (statusMessage !== undefined) pair.statusMessage = statusMessage;
  const rpoSeconds = optNumber(p.RPO);
  if (rpoSeconds !== undefined) pair.rpoSeconds = rpoSeconds;
  const bandwidthKbps = optNumber(p.Bandwidth);
  if (bandwidthKbps !== undefined) pair.bandwidthKbps = bandwidthKbps;
  const lastRecoverPoint = unixSecondsToDate(p.LastRecoverPoint);
  if (lastRecoverPoint !== undefined) pair.lastRecoverPoint = lastRecoverPoint;
  const createdAt = unixSecondsToDate(p.CreateTime);
  if (createdAt !== undefined) pair.createdAt = createdAt;
  const expiresAt = unixSecondsToDate(p.ExpiredTime);
  if (expiresAt !== undefined) pair.expiresAt = expiresAt;
  const chargeType = optString(p.ChargeType);
  if (chargeType !== undefined) pair.chargeType = chargeType;
  const groupId = optString(p.ReplicaGroupId);
  if (groupId !== undefined) pair.groupId = groupId;
  const groupName = optString(p.ReplicaGroupName);
  if (groupName !== undefined) pair.groupName = groupName;
  const site = optString(p.Site);
  if (site !== undefined) pair.site = site;
  const resourceGroupId = optString(p.ResourceGroupId);
  if (resourceGroupId !== undefined) pair.resourceGroupId = resourceGroupId;
  const enableRtc = optBoolean(p.EnableRtc);
  if (enableRtc !== undefined) pair.enableRtc = enableRtc;
  return pair;
}

export function parseReplicaPairsPage(body: unknown): ReplicaPair[] {
  const what = 'DescribeDiskReplicaPairs';
  return objects(requireArray(body, 'ReplicaPairs', what), what, body).map((p) => mapReplicaPair(p, body));
}

export function mapReplicaGroup(g: Obj, body?: unknown): ReplicaGroup {
  const what = 'DescribeDiskReplicaGroups group';
  const group: ReplicaGroup = {
    groupId: requireString(g, 'ReplicaGroupId', what, body),
    name: str(g.GroupName),
    description: str(g.Description),
    status: requireString(g, 'Status', what, body),
    sourceRegionId: str(g.SourceRegionId),
    sourceZoneId: str(g.SourceZoneId),
    destinationRegionId: str(g.DestinationRegionId),
    destinationZoneId: str(g.DestinationZoneId),
    primaryRegionId: str(g.PrimaryRegion),
    primaryZoneId: str(g.PrimaryZone),
    standbyRegionId: str(g.StandbyRegion),
    standbyZoneId: str(g.StandbyZone),
    pairIds: stringList(g.PairIds),
    tags: tags(g.Tags),
  };
  assign(group, 'statusMessage', optString(g.StatusMessage));
  assign(group, 'rpoSeconds', optNumber(g.RPO));
  assign(group, 'lastRecoverPoint', unixSecondsToDate(g.LastRecoverPoint));
  assign(group, 'site', optString(g.Site));
  assign(group, 'pairCount', optNumber(g.PairNumber));
  assign(group, 'bandwidthKbps', optNumber(g.Bandwidth));
  assign(group, 'resourceGroupId', optString(g.ResourceGroupId));
  assign(group, 'enableRtc', optBoolean(g.EnableRtc));
  return group;
}

export function parseReplicaGroupsPage(body: unknown): ReplicaGroup[] {
  const what = 'DescribeDiskReplicaGroups';
  return objects(requireArray(body, 'ReplicaGroups', what), what, body).map((g) => mapReplicaGroup(g, body));
}

export function parsePairDrillsPage(body: unknown, pairId: string): PairDrill[] {
  const what = 'DescribePairDrills';
  return objects(requireArray(body, 'Drills', what), what, body).map((d) => {
    const drill: PairDrill = {
      drillId: requireString(d, 'DrillId', `${what} drill`, body),
      pairId,
      status: requireString(d, 'Status', `${what} drill`, body),
    };
    assign(drill, 'statusMessage', optString(d.StatusMessage));
    assign(drill, 'drillDiskId', optString(d.DrillDiskId));
    assign(drill, 'drillDiskStatus', optString(d.DrillDiskStatus));
    assign(drill, 'startedAt', unixSecondsToDate(d.StartAt));
    assign(drill, 'recoverPoint', unixSecondsToDate(d.RecoverPoint));
    return drill;
  });
}

export function parseGroupDrillsPage(body: unknown, groupId: string): GroupDrill[] {
  const what = 'DescribeReplicaGroupDrills';
  return objects(requireArray(body, 'Drills', what), what, body).map((d) => {
    const drill: GroupDrill = {
      drillId: requireString(d, 'DrillId', `${what} drill`, body),
      groupId: optString(d.GroupId) ?? groupId,
      status: requireString(d, 'Status', `${what} drill`, body),
      pairs: Array.isArray(d.PairsInfo)
        ? d.PairsInfo.filter(isObject).map((p) => {
            const info: GroupDrillPair = { pairId: str(p.PairId) };
            assign(info, 'drillDiskId', optString(p.DrillDiskId));
            assign(info, 'drillDiskStatus', optString(p.DrillDiskStatus));
            return info;
          })
        : [],
    };
    assign(drill, 'statusMessage', optString(d.StatusMessage));
    assign(drill, 'startedAt', unixSecondsToDate(d.StartAt));
    assign(drill, 'recoverPoint', unixSecondsToDate(d.RecoverPoint));
    return drill;
  });
}

export function parseStartDrill(body: unknown, action: string): StartDrillResult {
  if (!isObject(body)) throw unexpected(`${action}: the response body is not a JSON object.`);
  return { drillId: requireString(body, 'DrillId', action, body), requestId: requestIdOf(body) };
}

export function parseReplicaPairProgress(body: unknown, pairId: string): ReplicaPairProgress {
  if (!isObject(body)) throw unexpected('DescribeDiskReplicaPairProgress: the response body is not a JSON object.');
  const progress: ReplicaPairProgress = { pairId, requestId: requestIdOf(body) };
  assign(progress, 'progress', optNumber(body.Progress));
  assign(progress, 'recoverPoint', unixSecondsToDate(body.RecoverPoint));
  return progress;
}
