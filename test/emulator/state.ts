// The emulated world: pairs, groups and drills, advanced lazily over the emulator clock by tick().
import { randomBytes } from 'node:crypto';
import { EcsWorld } from './ecsState';
import type { DrillDiskRef } from './ecsState';
import type { Account, DiskContents, DrillOutcome, Role, DrillStatus, NormalizedScenario, OwnerOutcomes, PairStatus, Region, ReplicaGroup, ReplicaPair } from './types';

export type TransitionKind = 'sync' | 'oneShot' | 'stop' | 'failover' | 'reprotect' | 'cancelFailover' | 'create';

export interface Transition {
  kind: TransitionKind;
  startMs: number;
  atMs: number;
}

export interface PairEntry {
  pair: ReplicaPair;
  /** Owner account: only its keys see and act on the pair. */
  accountId: string;
  transition?: Transition;
  /** Anchor (Unix s) for RPO cycles when the pair has no recovery point yet. */
  anchorSec: number;
  lastOneShotMs?: number;
  /** DrillOutcome / ClearOutcome of the scenario (their Times count down here). */
  outcomes: OwnerOutcomes;
  /** Counts the clock's changes to the pair's recovery point (listingCache.ts re-renders a page when one moved). */
  version: number;
}

export interface GroupEntry {
  group: ReplicaGroup;
  accountId: string;
  transition?: Transition;
  anchorSec: number;
  outcomes: OwnerOutcomes;
}

/** How a drill ends when its executing or clearing time is up, instead of succeeding (internal, not API output). */
export interface PendingFailure {
  StatusMessage: string;
  DrillDiskStatus: string;
}

export interface PairDrill {
  DrillId: string;
  PairId: string;
  RegionId: string;
  Status: DrillStatus;
  StatusMessage: string;
  DrillDiskId: string;
  DrillDiskStatus: string;
  StartAt: number;
  RecoverPoint: number;
  ClientToken: string;
  readyAtMs: number;
  goneAtMs?: number;
  /** Set at start (DrillOutcome): the drill ends execute_failed. */
  failExecute?: PendingFailure;
  /** Set at clear (ClearOutcome): the clear ends clear_failed. */
  failClear?: PendingFailure;
}

export interface GroupDrillPairInfo {
  PairId: string;
  DrillDiskId: string;
  DrillDiskStatus: string;
}

export interface GroupDrill {
  DrillId: string;
  GroupId: string;
  RegionId: string;
  Status: DrillStatus;
  StatusMessage: string;
  StartAt: number;
  RecoverPoint: number;
  PairsInfo: GroupDrillPairInfo[];
  ClientToken: string;
  readyAtMs: number;
  goneAtMs?: number;
  failExecute?: PendingFailure;
  failClear?: PendingFailure;
}

/** Pair statuses from which a drill may start (a recovery point must also exist). Undocumented; see README. */
export const DRILLABLE_STATUSES: ReadonlySet<PairStatus> = new Set<PairStatus>([
  'created', 'initial_syncing', 'manual_syncing', 'syncing', 'normal', 'stopping', 'stopped', 'stop_failed',
]);

const SYNCING: ReadonlySet<PairStatus> = new Set<PairStatus>(['syncing', 'normal']);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits (unbiased: bytes >= 248 are skipped). */
export function randomAlnum(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) if (b < 248 && out.length < length) out += ALNUM[b % 62];
  }
  return out;
}

/** A SecurityToken as STS issues them: base64 starting `CAIS`, 600 characters. */
export function randomSecurityToken(): string {
  return Buffer.concat([Buffer.from([0x08, 0x02, 0x12]), randomBytes(447)]).toString('base64');
}

/** `YYYY-MM-DDTHH:MM:SSZ` (no milliseconds), as STS writes Expiration. */
export function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function randomId(prefix: string, length = 20): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % 36];
  return out;
}

/** Uses one application of an outcome (null Times = every time); undefined when there is none (left). */
function takeOutcome(outcome: DrillOutcome | undefined): PendingFailure | undefined {
  if (!outcome) return undefined;
  if (outcome.Times !== null) {
    if (outcome.Times <= 0) return undefined;
    outcome.Times -= 1;
  }
  return { StatusMessage: outcome.StatusMessage, DrillDiskStatus: outcome.DrillDiskStatus };
}

function cloneOutcomes(outcomes: OwnerOutcomes | undefined): OwnerOutcomes {
  return {
    ...(outcomes?.DrillOutcome ? { DrillOutcome: { ...outcomes.DrillOutcome } } : {}),
    ...(outcomes?.ClearOutcome ? { ClearOutcome: { ...outcomes.ClearOutcome } } : {}),
  };
}

function sec(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Moves the recovery point forward by whole RPO cycles up to `nowSec`. */
function advanceRecoverPoint(lrp: number | null, anchorSec: number, rpo: number, nowSec: number): number | null {
  const base = lrp ?? anchorSec;
  if (nowSec < base + rpo) return lrp;
  return base + Math.floor((nowSec - base) / rpo) * rpo;
}

export class EmulatorState {
  readonly accounts: Map<string, Account>;
  readonly roles: Role[];
  readonly instanceRamRole: Role | undefined;
  /** Keys issued by AssumeRole and the instance metadata, by AccessKeyId (expired ones stay, to answer Expired). */
  readonly sessions = new Map<string, Account>();
  /** Account of every security token, scenario and issued. */
  private readonly tokenOwners = new Map<string, Account>();
  readonly regions: Region[];
  readonly regionIds: Set<string>;
  readonly pairs = new Map<string, PairEntry>();
  readonly groups = new Map<string, GroupEntry>();
  /**
   * The pairs with their source or destination in a region, in load order: a listing reads its region's, not every
   * pair of the scenario (at 30 regions × 2,000 pairs that filter was most of the emulator's CPU). Pairs are only
   * added at load, and a reprotect swaps source and destination, never the set of the two.
   */
  private readonly pairsByRegion = new Map<string, PairEntry[]>();
  readonly pairDrills = new Map<string, PairDrill>();
  readonly groupDrills = new Map<string, GroupDrill>();
  readonly drillSeconds: number;
  readonly clearSeconds: number;
  /** Emulator time (ms) of the earliest pending change; tick() does nothing before it. */
  private nextDueMs = 0;
  /**
   * Counts the changes that can alter which pairs a listing returns or a pair's fields other than its recovery point
   * (that one moves on every RPO cycle of tens of thousands of pairs: PairEntry.version counts it): every operation
   * that is not a Describe, every transition the clock settles. listingCache.ts keeps a query's matches for one
   * revision, and a rendered page while its pairs' versions stay the same too.
   */
  private revisionCount = 0;
  readonly transitionSeconds: number;
  readonly syncSeconds: number;
  /** Disk contents by pair id. */
  readonly diskContents: Record<string, DiskContents>;
  /** ECS instances, drill disks' attach state, Cloud Assistant invocations. */
  readonly ecs: EcsWorld;

  /** `clock` (emulator ms) is read when a script ends between requests; default: the real time. */
  constructor(scenario: NormalizedScenario, nowMs: number, clock: () => number = Date.now) {
    this.diskContents = scenario.DiskContents;
    this.ecs = new EcsWorld(scenario.Instances, scenario.AttachSeconds, scenario.DetachSeconds, () => this.drillDisks(), clock);
    this.accounts = new Map(scenario.Accounts.map((a) => [a.AccessKeyId, a]));
    for (const a of scenario.Accounts) for (const t of a.SecurityTokens) this.tokenOwners.set(t, a);
    this.roles = scenario.Roles;
    this.instanceRamRole = scenario.InstanceRamRole;
    this.regions = scenario.Regions;
    this.regionIds = new Set(scenario.Regions.map((r) => r.RegionId));
    this.drillSeconds = scenario.DrillSeconds;
    this.clearSeconds = scenario.ClearSeconds;
    this.transitionSeconds = scenario.TransitionSeconds;
    this.syncSeconds = scenario.SyncSeconds;
    const nowSec = sec(nowMs);
    for (const pair of scenario.ReplicaPairs) {
      const entry: PairEntry = { pair, accountId: scenario.Owners[pair.ReplicaPairId] ?? '', anchorSec: nowSec, outcomes: cloneOutcomes(scenario.Outcomes[pair.ReplicaPairId]), version: 0 };
      const kind = this.transitionForLoadedStatus(pair.Status);
      if (kind) this.startTransition(entry, kind, nowMs);
      this.pairs.set(pair.ReplicaPairId, entry);
      for (const regionId of new Set([pair.SourceRegion, pair.DestinationRegion])) {
        const list = this.pairsByRegion.get(regionId);
        if (list) list.push(entry);
        else this.pairsByRegion.set(regionId, [entry]);
      }
    }
    for (const group of scenario.ReplicaGroups) {
      const entry: GroupEntry = { group, accountId: scenario.Owners[group.ReplicaGroupId] ?? '', anchorSec: nowSec, outcomes: cloneOutcomes(scenario.Outcomes[group.ReplicaGroupId]) };
      if (group.Status === 'initial_syncing' || group.Status === 'manual_syncing') {
        entry.transition = { kind: group.Status === 'initial_syncing' ? 'sync' : 'oneShot', startMs: nowMs, atMs: nowMs + this.syncSeconds * 1000 };
      }
      this.groups.set(group.ReplicaGroupId, entry);
    }
  }

  /** The pairs whose source or destination region is `regionId`, in load order. */
  pairsInRegion(regionId: string): readonly PairEntry[] {
    return this.pairsByRegion.get(regionId) ?? [];
  }

  /** A scenario key or an issued session key. */
  key(accessKeyId: string): Account | undefined {
    return this.accounts.get(accessKeyId) ?? this.sessions.get(accessKeyId);
  }

  tokenOwner(token: string): Account | undefined {
    return this.tokenOwners.get(token);
  }

  /** The role with this ARN (role names compare case-insensitively). */
  findRole(arn: string): Role | undefined {
    const lower = arn.toLowerCase();
    return this.roles.find((r) => r.Arn === lower);
  }

  /**
   * Issues a session of `role`: a new key in the role's account, with the role's DeniedActions and the billing
   * flags of the account's scenario keys, that stops working `durationSeconds` later on the emulator clock.
   */
  issueSession(role: Role, sessionName: string, durationSeconds: number, nowMs: number): Account {
    const expiresAtMs = Math.floor(nowMs / 1000) * 1000 + durationSeconds * 1000;
    const sameAccount = [...this.accounts.values()].filter((a) => a.AccountId === role.AccountId);
    const token = randomSecurityToken();
    const key: Account = {
      AccessKeyId: `STS.${randomAlnum(25)}`,
      AccessKeySecret: randomAlnum(44),
      SecurityTokens: [token],
      DeniedActions: [...role.DeniedActions],
      NotEnoughBalance: sameAccount.some((a) => a.NotEnoughBalance),
      NoServiceLinkedRole: sameAccount.some((a) => a.NoServiceLinkedRole),
      AccountId: role.AccountId,
      Type: 'RAMUser',
      UserName: role.RoleName,
      Session: { RoleArn: role.Arn, RoleName: role.RoleName, RoleId: role.RoleId, RoleSessionName: sessionName, ExpiresAtMs: expiresAtMs, Expiration: utcSeconds(expiresAtMs) },
    };
    this.sessions.set(key.AccessKeyId, key);
    this.tokenOwners.set(token, key);
    return key;
  }

  private instanceKey: Account | undefined;

  /** The current credentials of the instance RAM role; a new session once less than half of `seconds` is left. */
  instanceSession(nowMs: number, seconds: number): Account {
    const role = this.instanceRamRole;
    if (!role) throw new Error('the scenario has no InstanceRamRole');
    const current = this.instanceKey;
    if (current?.Session && current.Session.ExpiresAtMs - nowMs > (seconds * 1000) / 2) return current;
    this.instanceKey = this.issueSession(role, 'ecs-instance', seconds, nowMs);
    return this.instanceKey;
  }

  private transitionForLoadedStatus(status: PairStatus): TransitionKind | undefined {
    switch (status) {
      case 'initial_syncing':
        return 'sync';
      case 'manual_syncing':
        return 'oneShot';
      case 'stopping':
        return 'stop';
      case 'failovering':
        return 'failover';
      case 'reprotecting':
        return 'reprotect';
      case 'creating':
        return 'create';
      default:
        return undefined;
    }
  }

  /** Starts a transient state; it settles in tick() once the emulator clock passes its end. */
  startTransition(entry: PairEntry, kind: TransitionKind, nowMs: number): void {
    const seconds = kind === 'sync' || kind === 'oneShot' ? this.syncSeconds : this.transitionSeconds;
    entry.transition = { kind, startMs: nowMs, atMs: nowMs + seconds * 1000 };
    this.invalidate();
  }

  /**
   * Applies every state change due up to `nowMs`. Each pass records when the next change falls due, so
   * the many calls in between (every request ticks) cost nothing even with tens of thousands of pairs.
   */
  tick(nowMs: number): void {
    this.ecs.tick(nowMs);
    if (nowMs < this.nextDueMs) return;
    const nowSec = sec(nowMs);
    let nextDueMs = Number.POSITIVE_INFINITY;
    const due = (ms: number | undefined): void => {
      if (ms !== undefined && ms < nextDueMs) nextDueMs = ms;
    };
    let changed = false;
    for (const entry of this.pairs.values()) {
      const before = entry.pair.LastRecoverPoint;
      if (this.tickPair(entry, nowMs, nowSec)) changed = true;
      if (entry.pair.LastRecoverPoint !== before) entry.version += 1;
      due(entry.transition?.atMs);
      if (SYNCING.has(entry.pair.Status)) due(((entry.pair.LastRecoverPoint ?? entry.anchorSec) + entry.pair.RPO) * 1000);
    }
    for (const entry of this.groups.values()) {
      if (this.tickGroup(entry, nowMs, nowSec)) changed = true;
      due(entry.transition?.atMs);
      if (SYNCING.has(entry.group.Status)) due(((entry.group.LastRecoverPoint ?? entry.anchorSec) + entry.group.RPO) * 1000);
    }
    for (const drill of this.pairDrills.values()) {
      if (drill.Status === 'executing' && nowMs >= drill.readyAtMs) {
        const failure = drill.failExecute;
        drill.Status = failure ? 'execute_failed' : 'executed';
        drill.StatusMessage = failure?.StatusMessage ?? '';
        drill.DrillDiskStatus = failure?.DrillDiskStatus ?? 'created';
        drill.failExecute = undefined;
      } else if (drill.Status === 'clearing' && drill.goneAtMs !== undefined && nowMs >= drill.goneAtMs) {
        const failure = drill.failClear;
        if (failure) {
          drill.Status = 'clear_failed';
          drill.StatusMessage = failure.StatusMessage;
          drill.DrillDiskStatus = failure.DrillDiskStatus;
          drill.failClear = undefined;
          drill.goneAtMs = undefined;
        } else {
          this.pairDrills.delete(drill.DrillId);
        }
      }
      due(drill.Status === 'executing' ? drill.readyAtMs : drill.Status === 'clearing' ? drill.goneAtMs : undefined);
    }
    for (const drill of this.groupDrills.values()) {
      if (drill.Status === 'executing' && nowMs >= drill.readyAtMs) {
        const failure = drill.failExecute;
        drill.Status = failure ? 'execute_failed' : 'executed';
        drill.StatusMessage = failure?.StatusMessage ?? '';
        for (const info of drill.PairsInfo) info.DrillDiskStatus = failure?.DrillDiskStatus ?? 'created';
        drill.failExecute = undefined;
      } else if (drill.Status === 'clearing' && drill.goneAtMs !== undefined && nowMs >= drill.goneAtMs) {
        const failure = drill.failClear;
        if (failure) {
          drill.Status = 'clear_failed';
          drill.StatusMessage = failure.StatusMessage;
          for (const info of drill.PairsInfo) info.DrillDiskStatus = failure.DrillDiskStatus;
          drill.failClear = undefined;
          drill.goneAtMs = undefined;
        } else {
          this.groupDrills.delete(drill.DrillId);
        }
      }
      due(drill.Status === 'executing' ? drill.readyAtMs : drill.Status === 'clearing' ? drill.goneAtMs : undefined);
    }
    this.nextDueMs = nextDueMs;
    if (changed) this.changed();
  }

  get revision(): number {
    return this.revisionCount;
  }

  /** Something a pair listing shows may have changed (the server calls it after every operation that is not a Describe). */
  changed(): void {
    this.revisionCount += 1;
  }

  /** Something changed outside tick(): the next tick must look at everything again. */
  private invalidate(): void {
    this.nextDueMs = 0;
  }

  /** Settles the pair's due transition and moves its recovery point; true when a transition settled. */
  private tickPair(entry: PairEntry, nowMs: number, nowSec: number): boolean {
    const pair = entry.pair;
    const t = entry.transition;
    let settled = false;
    if (t && nowMs >= t.atMs) {
      settled = true;
      entry.transition = undefined;
      const atSec = sec(t.atMs);
      switch (t.kind) {
        case 'sync':
          pair.Status = 'normal';
          pair.LastRecoverPoint = atSec;
          break;
        case 'oneShot':
          pair.Status = 'stopped';
          pair.LastRecoverPoint = atSec;
          break;
        case 'stop':
          pair.Status = 'stopped';
          break;
        case 'failover':
          pair.Status = 'failovered';
          break;
        case 'create':
          pair.Status = 'created';
          break;
        case 'cancelFailover':
          pair.Status = 'stopped';
          break;
        case 'reprotect': {
          pair.Status = 'stopped';
          const { SourceRegion, SourceZoneId, SourceDiskId } = pair;
          pair.SourceRegion = pair.DestinationRegion;
          pair.SourceZoneId = pair.DestinationZoneId;
          pair.SourceDiskId = pair.DestinationDiskId;
          pair.DestinationRegion = SourceRegion;
          pair.DestinationZoneId = SourceZoneId;
          pair.DestinationDiskId = SourceDiskId;
          break;
        }
      }
      entry.anchorSec = atSec;
    }
    if (SYNCING.has(pair.Status)) pair.LastRecoverPoint = advanceRecoverPoint(pair.LastRecoverPoint, entry.anchorSec, pair.RPO, nowSec);
    return settled;
  }

  /** Settles the group's due transition and moves its recovery point; true when a transition settled. */
  private tickGroup(entry: GroupEntry, nowMs: number, nowSec: number): boolean {
    const group = entry.group;
    const t = entry.transition;
    let settled = false;
    if (t && nowMs >= t.atMs) {
      settled = true;
      entry.transition = undefined;
      group.Status = t.kind === 'oneShot' ? 'stopped' : 'normal';
      group.LastRecoverPoint = sec(t.atMs);
      entry.anchorSec = sec(t.atMs);
    }
    if (SYNCING.has(group.Status)) group.LastRecoverPoint = advanceRecoverPoint(group.LastRecoverPoint, entry.anchorSec, group.RPO, nowSec);
    return settled;
  }

  createPairDrill(pair: ReplicaPair, clientToken: string, nowMs: number): PairDrill {
    const failExecute = takeOutcome(this.pairs.get(pair.ReplicaPairId)?.outcomes.DrillOutcome);
    const drill: PairDrill = {
      DrillId: randomId('drill-'),
      PairId: pair.ReplicaPairId,
      RegionId: pair.DestinationRegion,
      Status: 'executing',
      StatusMessage: '',
      DrillDiskId: randomId('d-'),
      DrillDiskStatus: 'creating',
      StartAt: sec(nowMs),
      RecoverPoint: pair.LastRecoverPoint ?? 0,
      ClientToken: clientToken,
      readyAtMs: nowMs + this.drillSeconds * 1000,
      ...(failExecute ? { failExecute } : {}),
    };
    this.pairDrills.set(drill.DrillId, drill);
    this.invalidate();
    return drill;
  }

  createGroupDrill(group: ReplicaGroup, clientToken: string, nowMs: number): GroupDrill {
    const failExecute = takeOutcome(this.groups.get(group.ReplicaGroupId)?.outcomes.DrillOutcome);
    const drill: GroupDrill = {
      DrillId: randomId('pg-drill-'),
      GroupId: group.ReplicaGroupId,
      RegionId: group.DestinationRegionId,
      Status: 'executing',
      StatusMessage: '',
      StartAt: sec(nowMs),
      RecoverPoint: group.LastRecoverPoint ?? 0,
      PairsInfo: group.PairIds.map((PairId) => ({ PairId, DrillDiskId: randomId('d-'), DrillDiskStatus: 'creating' })),
      ClientToken: clientToken,
      readyAtMs: nowMs + this.drillSeconds * 1000,
      ...(failExecute ? { failExecute } : {}),
    };
    this.groupDrills.set(drill.DrillId, drill);
    this.invalidate();
    return drill;
  }

  /**
   * Every drill disk that exists as an ECS disk: in the drill's destination region and zone, `Creating` while the
   * drill executes, `Available` once created (also while clearing and after a failure that kept the disk).
   */
  drillDisks(): DrillDiskRef[] {
    const out: DrillDiskRef[] = [];
    const add = (diskId: string, diskStatus: string, pairId: string, drill: PairDrill | GroupDrill, accountId: string): void => {
      const status = diskStatus === 'creating' ? 'Creating' : diskStatus === 'created' || diskStatus === 'deleting' ? 'Available' : undefined;
      const pair = this.pairs.get(pairId)?.pair;
      if (!status || !pair) return;
      const contents = this.diskContents[pairId] ?? { fsType: 'ext4', files: {}, drillDisk: 'ok' };
      out.push({ DiskId: diskId, Status: status, RegionId: drill.RegionId, ZoneId: pair.DestinationZoneId, CreationMs: drill.StartAt * 1000, AccountId: accountId, PairId: pairId, DrillId: drill.DrillId, contents });
    };
    for (const d of this.pairDrills.values()) add(d.DrillDiskId, d.DrillDiskStatus, d.PairId, d, this.pairs.get(d.PairId)?.accountId ?? '');
    for (const d of this.groupDrills.values()) for (const info of d.PairsInfo) add(info.DrillDiskId, info.DrillDiskStatus, info.PairId, d, this.groups.get(d.GroupId)?.accountId ?? '');
    return out;
  }

  /** Kills running scripts and removes the sandboxes (on reset and close). */
  dispose(): void {
    this.ecs.dispose();
  }

  /** Moves a drill to `clearing`; it disappears ClearSeconds later (or ends clear_failed under a ClearOutcome). */
  clearDrill(drill: PairDrill | GroupDrill, nowMs: number): void {
    const owner = 'PairsInfo' in drill ? this.groups.get(drill.GroupId) : this.pairs.get(drill.PairId);
    const failClear = takeOutcome(owner?.outcomes.ClearOutcome);
    drill.Status = 'clearing';
    drill.StatusMessage = '';
    drill.goneAtMs = nowMs + this.clearSeconds * 1000;
    if (failClear) drill.failClear = failClear;
    this.invalidate();
    if ('PairsInfo' in drill) for (const info of drill.PairsInfo) info.DrillDiskStatus = 'deleting';
    else drill.DrillDiskStatus = 'deleting';
  }
}
