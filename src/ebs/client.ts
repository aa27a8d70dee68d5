// EbsClient: the typed operations of EBS 2021-07-30 that the extension uses (docs/ebs-api.md, section Operations),
// on the transport (transport.ts: deadline, retries, credentials, paging, call log). Everything it throws is an
// EbsError. The drill operations are written once for both kinds, pair and replica group (drillKinds.ts).

import { assertClientToken, newClientToken } from './clientToken';
import { DrillKind, GROUP_DRILL, PAIR_DRILL } from './drillKinds';
import { EbsError, LocalErrorCode } from './ebsError';
import { CallOptions, EbsClientOptions, EbsTransport, Query } from './transport';
import {
  AcceptLanguage,
  GroupDrill,
  MutationResult,
  PairDrill,
  Region,
  RegionResourceType,
  ReplicaGroup,
  ReplicaPair,
  ReplicaPairProgress,
  Site,
  StartDrillResult,
} from './types';
import {
  parseDescribeRegions,
  parseGroupDrillsPage,
  parsePairDrillsPage,
  parseReplicaGroupsPage,
  parseReplicaPairProgress,
  parseReplicaPairsPage,
  parseStartDrill,
} from './wire';
import { requestIdOf } from './coerce';
import { uniqueBy, WireNotes } from './wireNotes';

export { DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, EBS_API_VERSION, MAX_PAGE_SIZE, MAX_PAGES, MAX_RESPONSE_BYTES } from './transport';
export type { CallOptions, EbsClientOptions } from './transport';

/** DescribeDiskReplicaPairs / Groups accept at most 100 comma-separated IDs. */
export const MAX_IDS_PER_FILTER = 100;
/** Region used for DescribeRegions when none is given (the API's default; there is no central endpoint). */
export const DEFAULT_REGIONS_ENDPOINT_REGION = 'cn-shanghai';

export interface DescribeRegionsOptions extends CallOptions {
  resourceType?: RegionResourceType;
  acceptLanguage?: AcceptLanguage;
  /** Region whose endpoint answers (there is no central EBS endpoint). Default `cn-shanghai`. */
  regionId?: string;
}

export interface ListReplicaPairsOptions extends CallOptions {
  pairIds?: readonly string[];
  /** A group ID, or `-` for pairs in no group. */
  groupId?: string;
  site?: Site;
}

export interface ListReplicaGroupsOptions extends CallOptions {
  groupIds?: readonly string[];
  site?: Site;
}

export interface DescribeDrillsOptions extends CallOptions {
  drillId?: string;
}

export interface StartPairDrillRequest extends CallOptions {
  regionId: string;
  pairId: string;
  /** One per user action; every retry reuses it. Generated when omitted. */
  clientToken?: string;
}

export interface StartReplicaGroupDrillRequest extends CallOptions {
  regionId: string;
  groupId: string;
  clientToken?: string;
}

export interface ClearPairDrillRequest extends CallOptions {
  regionId: string;
  pairId: string;
  drillId: string;
}

export interface ClearReplicaGroupDrillRequest extends CallOptions {
  regionId: string;
  groupId: string;
  drillId: string;
}

function nonEmpty(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EbsError({ code: LocalErrorCode.InvalidArgument, message: `${name} is required.`, retryable: false });
  }
  return value;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The lists one after the other; a single list as is. Not `push(...list)`: a whole region's records as call
 * arguments are a needless copy and overflow the stack beyond about 100,000 items.
 */
function joined<T>(lists: T[][]): T[] {
  return lists.length === 1 ? (lists[0] as T[]) : lists.flat();
}

interface StartDrillArguments extends CallOptions {
  regionId: string;
  clientToken?: string;
}

interface ClearDrillArguments extends CallOptions {
  regionId: string;
  drillId: string;
}

export class EbsClient {
  private readonly transport: EbsTransport;

  constructor(options: EbsClientOptions) {
    this.transport = new EbsTransport(options);
  }

  async describeRegions(options: DescribeRegionsOptions = {}): Promise<Region[]> {
    const regionId = options.regionId ?? DEFAULT_REGIONS_ENDPOINT_REGION;
    const query: Query = { RegionId: regionId };
    if (options.resourceType !== undefined) query.ResourceType = options.resourceType;
    if (options.acceptLanguage !== undefined) query.AcceptLanguage = options.acceptLanguage;
    const { body } = await this.transport.invoke('DescribeRegions', regionId, query, options);
    const notes = new WireNotes();
    const regions = this.transport.parse('DescribeRegions', regionId, () => parseDescribeRegions(body));
    return this.noted('DescribeRegions', regionId, notes, uniqueBy(regions, (r) => r.regionId, notes));
  }

  /** Every pair visible in the region (primary or secondary there), all pages, MaxResults 500. */
  async listReplicaPairs(regionId: string, options: ListReplicaPairsOptions = {}): Promise<ReplicaPair[]> {
    const base: Query = { RegionId: regionId };
    if (options.groupId !== undefined) base.ReplicaGroupId = options.groupId;
    if (options.site !== undefined) base.Site = options.site;
    const notes = new WireNotes();
    const pairs = await this.listByIds('DescribeDiskReplicaPairs', regionId, base, 'PairIds', options.pairIds, options, (body) => parseReplicaPairsPage(body, notes));
    return this.noted('DescribeDiskReplicaPairs', regionId, notes, uniqueBy(pairs, (p) => p.pairId, notes));
  }

  async listReplicaGroups(regionId: string, options: ListReplicaGroupsOptions = {}): Promise<ReplicaGroup[]> {
    const base: Query = { RegionId: regionId };
    if (options.site !== undefined) base.Site = options.site;
    const notes = new WireNotes();
    const groups = await this.listByIds('DescribeDiskReplicaGroups', regionId, base, 'GroupIds', options.groupIds, options, (body) => parseReplicaGroupsPage(body, notes));
    return this.noted('DescribeDiskReplicaGroups', regionId, notes, uniqueBy(groups, (g) => g.groupId, notes));
  }

  /** Must be called in the pair's secondary (DR) region. */
  async startPairDrill(request: StartPairDrillRequest): Promise<StartDrillResult> {
    return this.startDrill(PAIR_DRILL, request.pairId, request);
  }

  async describePairDrills(regionId: string, pairId: string, options: DescribeDrillsOptions = {}): Promise<PairDrill[]> {
    return this.describeDrills(PAIR_DRILL, regionId, pairId, options, (body, notes) => parsePairDrillsPage(body, pairId, notes));
  }

  async clearPairDrill(request: ClearPairDrillRequest): Promise<MutationResult> {
    return this.clearDrill(PAIR_DRILL, request.pairId, request);
  }

  /** Must be called in the group's secondary (DR) region. */
  async startReplicaGroupDrill(request: StartReplicaGroupDrillRequest): Promise<StartDrillResult> {
    return this.startDrill(GROUP_DRILL, request.groupId, request);
  }

  async describeReplicaGroupDrills(regionId: string, groupId: string, options: DescribeDrillsOptions = {}): Promise<GroupDrill[]> {
    return this.describeDrills(GROUP_DRILL, regionId, groupId, options, (body, notes) => parseGroupDrillsPage(body, groupId, notes));
  }

  async clearReplicaGroupDrill(request: ClearReplicaGroupDrillRequest): Promise<MutationResult> {
    return this.clearDrill(GROUP_DRILL, request.groupId, request);
  }

  async describeReplicaPairProgress(regionId: string, pairId: string, options: CallOptions = {}): Promise<ReplicaPairProgress> {
    const query: Query = { RegionId: regionId, ReplicaPairId: nonEmpty(pairId, 'pairId') };
    const { body } = await this.transport.invoke('DescribeDiskReplicaPairProgress', regionId, query, options);
    const notes = new WireNotes();
    const progress = this.transport.parse('DescribeDiskReplicaPairProgress', regionId, () => parseReplicaPairProgress(body, pairId, notes));
    return this.noted('DescribeDiskReplicaPairProgress', regionId, notes, progress);
  }

  /** All pages; with IDs, one listing per 100 of them (the filter's limit), joined in order. */
  private async listByIds<T>(
    action: string,
    regionId: string,
    base: Query,
    idsParameter: string,
    ids: readonly string[] | undefined,
    options: CallOptions,
    parsePage: (body: unknown) => T[],
  ): Promise<T[]> {
    const idChunks = ids === undefined ? [undefined] : chunks(ids, MAX_IDS_PER_FILTER);
    if (idChunks.length === 0) return [];
    const lists: T[][] = [];
    for (const chunk of idChunks) {
      const query = chunk === undefined ? base : { ...base, [idsParameter]: chunk.join(',') };
      lists.push(await this.transport.paginate(action, regionId, query, options, parsePage));
    }
    return joined(lists);
  }

  /** One ClientToken per user action (generated when omitted); every retry of the request reuses it. */
  private async startDrill(kind: DrillKind, ownerId: string, request: StartDrillArguments): Promise<StartDrillResult> {
    const clientToken = request.clientToken ?? newClientToken();
    assertClientToken(clientToken);
    const query: Query = { RegionId: request.regionId, [kind.idParameter]: nonEmpty(ownerId, kind.idArgument), ClientToken: clientToken };
    const { body } = await this.transport.invoke(kind.start, request.regionId, query, request);
    return this.transport.parse(kind.start, request.regionId, () => parseStartDrill(body, kind.start));
  }

  private async describeDrills<D extends { drillId: string }>(
    kind: DrillKind,
    regionId: string,
    ownerId: string,
    options: DescribeDrillsOptions,
    parsePage: (body: unknown, notes: WireNotes) => D[],
  ): Promise<D[]> {
    const query: Query = { RegionId: regionId, [kind.idParameter]: nonEmpty(ownerId, kind.idArgument) };
    if (options.drillId !== undefined) query.DrillId = options.drillId;
    const notes = new WireNotes();
    const drills = await this.transport.paginate(kind.describe, regionId, query, options, (body) => parsePage(body, notes));
    return this.noted(kind.describe, regionId, notes, uniqueBy(drills, (d) => d.drillId, notes));
  }

  /** Says once, in the log, what the parsers corrected in the call's answers; returns `value`. */
  private noted<T>(action: string, regionId: string, notes: WireNotes, value: T): T {
    const summary = notes.summary(action, regionId);
    if (summary !== undefined) this.transport.note(summary);
    return value;
  }

  private async clearDrill(kind: DrillKind, ownerId: string, request: ClearDrillArguments): Promise<MutationResult> {
    const query: Query = {
      RegionId: request.regionId,
      [kind.idParameter]: nonEmpty(ownerId, kind.idArgument),
      DrillId: nonEmpty(request.drillId, 'drillId'),
    };
    const { body } = await this.transport.invoke(kind.clear, request.regionId, query, request);
    return { requestId: this.transport.parse(kind.clear, request.regionId, () => requestIdOf(body)) };
  }
}
