// The drill shell: Start Pair Drill / Start Replica Group Drill / Clear Drill / Show Drills, the tracker wired to the
// EBS client, globalState, window focus, the status bar, the tree and completion notifications.
// registerDrills() is the one entry point extension.ts calls.
import { COMMAND } from '../../shared/commands';
import * as vscode from 'vscode';
import type { ConnectionProvider } from '../../credentials/connection';
import { newClientToken } from '../../ebs/clientToken';
import { explainError } from '../../ebs/catalogue';
import { isCancellation, isEbsError } from '../../ebs/errors';
import { isDrillClearable, type GroupDrill, type PairDrill } from '../../ebs/types';
import type { ConnectedClient, EbsClients } from '../../credentials/ui/clients';
import { localise, showError } from '../../ebs/ui/errorMessages';
import type { Log } from '../../shared/ui/log';
import { onSettingChanged, setting } from '../../shared/ui/settings';
import type { PickItem, UserInput } from '../../shared/ui/userInput';
import { RegionChoices, rootRegions } from '../../regions/regionChoice';
import type { RunningDrills } from '../../replication/runningDrills';
import { PROFILES_IN_TREE_SETTING, profilesSideBySide, TREE_PROFILES_SETTING, treeProfiles } from '../../replication/ui/replicationView';
import {
  billableDisks,
  drillKey,
  needsPolling,
  observeGroupDrill,
  observePairDrill,
  ownerLabel,
  type DrillKind,
  type DrillObservation,
  type TrackedDrill,
} from '../model';
import {
  clearConfirmation,
  completionNotice,
  groupTarget,
  notDrillableReason,
  pairTarget,
  startConfirmation,
  startedMessage,
  targetDescription,
  type CompletionAction,
  type DrillTarget,
} from '../start';
import { indicatorModel, lineText } from '../indicator';
import { DrillTracker, type DrillCompletion, type TrackerClock } from '../tracker';
import { DrillStatusBar } from './statusBar';
import { ANNOUNCED_DRILLS_KEY, globalStateDrillStore, TRACKED_DRILLS_KEY } from './store';
import { formatTime, t } from './text';
import { asDrillNode, type DrillNode, type DrillOwnerRef, type DrillTree, type TreeDrillListing } from './tree';

export const DRILL_COMMANDS = {
  startPairDrill: COMMAND.startPairDrill,
  startReplicaGroupDrill: COMMAND.startReplicaGroupDrill,
  clearDrill: COMMAND.clearDrill,
  showDrills: COMMAND.showDrills,
} as const;

export const CONFIRM_SETTING = 'confirmBeforeDrill';
const SWITCH_PROFILE_COMMAND = COMMAND.switchProfile;
/** A request that takes longer than this also gets a cancellable progress notification. */
export const PROGRESS_NOTIFICATION_DELAY_MS = 1500;

export interface DrillsDeps {
  context: vscode.ExtensionContext;
  input: UserInput;
  log: Log;
  clients: Pick<EbsClients, 'active' | 'forProfile'>;
  connections: ConnectionProvider;
  /** The Replication tree, when it is there. */
  tree?: DrillTree;
  /** Tests only: a fake clock for the tracker. */
  clock?: TrackerClock;
}

/** Hooks for the host tests (returned through the extension's test API). */
export interface DrillsTestApi {
  /** Drills the tracker knows for the active profile. */
  tracked(): TrackedDrill[];
  /** Polls every executing/clearing drill now (as if the timer fired) and waits for the answers. */
  pollNow(): Promise<void>;
  hasTimer(): boolean;
  isPaused(): boolean;
  /** The status-bar item as the user sees it. */
  statusBar(): { visible: boolean; text: string; tooltip: string };
  /** Replaces the tracker with one loaded from globalState, as a window reload would. */
  simulateReload(): void;
  /** Cancels the drill requests in flight (as the progress notification's Cancel does). */
  cancelRequests(): void;
  /** Forgets every tracked drill (test isolation). */
  reset(): Promise<void>;
  /** Calls made by the tracker so far. */
  polls(): number;
  runningDrills: RunningDrills;
}

export function registerDrills(deps: DrillsDeps): DrillsTestApi {
  const drills = new Drills(deps);
  deps.context.subscriptions.push(drills);
  return drills.testApi();
}

class Drills implements vscode.Disposable {
  private tracker!: DrillTracker;
  private trackerSubscriptions: { dispose(): void }[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly statusBar = new DrillStatusBar();
  private readonly inFlight = new Set<AbortController>();
  private readonly runningChanged = new vscode.EventEmitter<void>();
  private readonly input: UserInput;
  private readonly log: Log;

  readonly runningDrills: RunningDrills = {
    count: () => this.tracker.drills().filter((d) => needsPolling(d.status)).length,
    onDidChange: (listener) => this.runningChanged.event(listener),
    isRunning: (ownerId) => this.tracker.drills().some((d) => d.ownerId === ownerId && needsPolling(d.status)),
    badge: () => {
      const model = indicatorModel(this.tracker.drills(), Date.now());
      return model.badge > 0 && model.badgeTooltip ? { value: model.badge, tooltip: t(model.badgeTooltip) } : undefined;
    },
  };

  constructor(private readonly deps: DrillsDeps) {
    this.input = deps.input;
    this.log = deps.log;
    this.createTracker();
    const { tree } = deps;
    this.subscriptions.push(
      this.statusBar,
      this.runningChanged,
      vscode.commands.registerCommand(DRILL_COMMANDS.startPairDrill, (node?: unknown) => this.startDrill('pair', node)),
      vscode.commands.registerCommand(DRILL_COMMANDS.startReplicaGroupDrill, (node?: unknown) => this.startDrill('group', node)),
      vscode.commands.registerCommand(DRILL_COMMANDS.clearDrill, (node?: unknown) => this.clearDrill(node)),
      vscode.commands.registerCommand(DRILL_COMMANDS.showDrills, () => this.showDrills()),
      vscode.window.onDidChangeWindowState((state) => this.applyFocus(state.focused)),
    );
    const connections = deps.connections.onDidChange(() => void this.updateAccount());
    this.subscriptions.push(
      { dispose: () => connections.dispose() },
      onSettingChanged([PROFILES_IN_TREE_SETTING, TREE_PROFILES_SETTING], () => void this.updateAccount()),
    );
    if (tree?.onDidLoadDrills) {
      const listing = tree.onDidLoadDrills((l) => void this.onTreeListing(l));
      this.subscriptions.push({ dispose: () => listing.dispose() });
    }
    tree?.setRunningDrills?.(this.runningDrills);
    void this.updateAccount();
  }

  // ------------------------------------------------------------------------------------------
  // Tracker wiring
  // ------------------------------------------------------------------------------------------

  private createTracker(account?: string): void {
    this.trackerSubscriptions.forEach((s) => s.dispose());
    this.tracker = new DrillTracker({
      describe: (drill, signal) => this.describe(drill, signal),
      store: globalStateDrillStore(this.deps.context.globalState),
      clock: this.deps.clock,
      onPollError: (drill, error) => this.log.warn(`Polling drill ${drill.drillId} in ${drill.regionId} failed: ${explainError(error).code}`),
    });
    this.trackerSubscriptions = [
      this.tracker,
      this.tracker.onDidChange(() => this.render()),
      this.tracker.onDidComplete((completion) => this.onCompleted(completion)),
    ];
    this.applyFocus(vscode.window.state.focused);
    this.tracker.setAccount(account);
    this.render();
  }

  private applyFocus(focused: boolean): void {
    if (focused) this.tracker.resume();
    else this.tracker.pause();
  }

  /** The drills shown, counted and polled: the active profile's, or every profile's shown side by side. */
  private async updateAccount(): Promise<void> {
    if (profilesSideBySide()) {
      this.tracker.setAccounts(treeProfiles(this.deps.connections).map((p) => p.id));
      return;
    }
    const connection = await this.deps.connections.current().catch(() => undefined);
    if (profilesSideBySide()) return;
    this.tracker.setAccount(connection?.profileId);
  }

  /** Side by side, a drill's messages start with its profile's name ("prod: …"); otherwise they read as before. */
  private named(account: string, text: string): string {
    if (!profilesSideBySide()) return text;
    const name = this.deps.connections.profiles().find((p) => p.id === account)?.name ?? account;
    return vscode.l10n.t('{0}: {1}', name, text);
  }

  private render(): void {
    this.statusBar.render(this.tracker.drills());
    this.runningChanged.fire();
  }

  private async describe(drill: TrackedDrill, signal: AbortSignal): Promise<DrillObservation | undefined> {
    const got = await this.deps.clients.forProfile(drill.account);
    if (!('connected' in got)) throw new Error('The profile that started the drill cannot be used.');
    const { client } = got.connected;
    try {
      if (drill.kind === 'pair') {
        const [found] = await client.describePairDrills(drill.regionId, drill.ownerId, { drillId: drill.drillId, signal });
        return found ? observePairDrill(found) : undefined;
      }
      const [found] = await client.describeReplicaGroupDrills(drill.regionId, drill.ownerId, { drillId: drill.drillId, signal });
      return found ? observeGroupDrill(found) : undefined;
    } catch (error) {
      // The pair or group itself is gone, and its drills with it.
      if (isEbsError(error) && error.code === 'NoSuchResource') return undefined;
      throw error;
    }
  }

  private async onTreeListing(listing: TreeDrillListing): Promise<void> {
    const account = listing.profileId ?? (await this.deps.connections.current().catch(() => undefined))?.profileId;
    if (account === undefined) return;
    const kind: DrillKind = listing.owner.kind;
    const ownerId = listing.owner.kind === 'pair' ? listing.owner.pairId : listing.owner.groupId;
    const drills =
      kind === 'pair'
        ? (listing.drills as PairDrill[]).map((d) => ({ drillId: d.drillId, ...observePairDrill(d) }))
        : (listing.drills as GroupDrill[]).map((d) => ({ drillId: d.drillId, ...observeGroupDrill(d) }));
    this.tracker.reconcile({ account, kind, regionId: listing.drRegionId, ownerId, drills });
  }

  private onCompleted({ drill, outcome, announce }: DrillCompletion): void {
    this.log.info(
      `Drill ${drill.drillId} of ${drill.ownerId} in ${drill.regionId}: ${outcome}${drill.statusMessage ? ` (${drill.statusMessage})` : ''}${announce ? '' : ' (announced by another window)'}`,
    );
    this.deps.tree?.invalidateDrills?.(ownerRef(drill.kind, drill.ownerId), drill.account);
    if (!announce) return;
    const notice = completionNotice(drill, outcome);
    if (!notice) return;
    const labels: Record<CompletionAction, string> = {
      clear: vscode.l10n.t('Clear Drill'),
      copyDiskId: vscode.l10n.t('Copy Disk ID'),
      showInTree: vscode.l10n.t('Show in Tree'),
      viewLogs: vscode.l10n.t('View Logs'),
    };
    void this.input.notify(notice.kind, this.named(drill.account, t(notice.text)), ...notice.actions.map((a) => labels[a])).then(async (choice) => {
      const action = notice.actions.find((a) => labels[a] === choice);
      if (action === 'clear') await this.clearTracked(drill);
      else if (action === 'copyDiskId') await this.copy(billableDisks(drill).map((d) => d.diskId).join(' ') || drill.disks.map((d) => d.diskId).join(' '));
      else if (action === 'showInTree') await this.reveal(drill.kind, drill.ownerId, drill.drillId, drill.account);
      else if (action === 'viewLogs') this.log.show();
    });
  }

  // ------------------------------------------------------------------------------------------
  // Start
  // ------------------------------------------------------------------------------------------

  private async startDrill(kind: DrillKind, nodeArg: unknown): Promise<void> {
    const node = asDrillNode(nodeArg);
    // A node of a profile shown side by side: that profile; the palette: the active profile.
    const connected = await this.connectedFor(node?.profileId);
    if (!connected) return;
    const target = await this.resolveTarget(kind, node, connected);
    if (!target) return;
    const reason = notDrillableReason(target);
    if (reason) {
      void this.input.notify('warning', t(reason));
      return;
    }
    const executing = await this.executingDrillIds(target, connected);
    const confirmation = startConfirmation(target, executing, setting<boolean>(CONFIRM_SETTING, true), formatTime);
    if (confirmation && !(await this.input.confirm(t(confirmation.message), t(confirmation.detail), t(confirmation.confirmLabel)))) return;
    // One token per user action: the client's retries and the Retry button reuse it.
    await this.sendStart(target, connected, newClientToken());
  }

  private async sendStart(target: DrillTarget, connected: ConnectedClient, clientToken: string): Promise<void> {
    const { client, connection } = connected;
    const owner = ownerRef(target.kind, target.ownerId);
    let drillId: string;
    try {
      const result = await this.withBusy(owner, vscode.l10n.t('Starting drill…'), vscode.l10n.t('Starting a drill for {0}…', ownerLabel(target)), connection.profileId, (signal) =>
        target.kind === 'pair'
          ? client.startPairDrill({ regionId: target.regionId, pairId: target.ownerId, clientToken, signal })
          : client.startReplicaGroupDrill({ regionId: target.regionId, groupId: target.ownerId, clientToken, signal }),
      );
      drillId = result.drillId;
    } catch (error) {
      if (!isCancellation(error)) this.log.warn(`Starting a drill for ${target.ownerId} in ${target.regionId} failed: ${explainError(error).code}`);
      await showError(
        this.input,
        error,
        {
          retry: () => this.sendStart(target, connected, clientToken),
          switchProfile: () => vscode.commands.executeCommand(SWITCH_PROFILE_COMMAND),
          viewLogs: () => this.log.show(),
        },
        this.named(connection.profileId, vscode.l10n.t('Could not start a drill for {0}:', ownerLabel(target))),
      );
      return;
    }
    this.log.info(`Drill ${drillId} started for ${target.ownerId} in ${target.regionId}`);
    this.tracker.track({
      kind: target.kind,
      regionId: target.regionId,
      ownerId: target.ownerId,
      ownerName: target.ownerName,
      zoneId: target.zoneId,
      drillId,
      account: connection.profileId,
      status: 'executing',
      disks: [],
      startedAt: Date.now(),
      recoverPoint: target.recoverPoint,
      followed: true,
    });
    this.deps.tree?.invalidateDrills?.(owner, connection.profileId);
    const copy = vscode.l10n.t('Copy Drill ID');
    const show = vscode.l10n.t('Show in Tree');
    const logs = vscode.l10n.t('View Logs');
    void this.input.notify('info', this.named(connection.profileId, t(startedMessage(target, drillId, formatTime))), copy, show, logs).then(async (choice) => {
      if (choice === copy) await this.copy(drillId);
      else if (choice === show) await this.reveal(target.kind, target.ownerId, drillId, connection.profileId);
      else if (choice === logs) this.log.show();
    });
  }

  /** Drill IDs of the pair or group that are executing now (asked in the DR region; a failure just skips the check). */
  private async executingDrillIds(target: DrillTarget, { client }: ConnectedClient): Promise<string[]> {
    try {
      const drills =
        target.kind === 'pair' ? await client.describePairDrills(target.regionId, target.ownerId) : await client.describeReplicaGroupDrills(target.regionId, target.ownerId);
      return drills.filter((d) => d.status === 'executing').map((d) => d.drillId);
    } catch (error) {
      this.log.warn(`Could not check running drills of ${target.ownerId}: ${explainError(error).code}`);
      return [];
    }
  }

  private async resolveTarget(kind: DrillKind, node: DrillNode | undefined, connected: ConnectedClient): Promise<DrillTarget | undefined> {
    const tree = this.deps.tree;
    const ownerNode = node?.kind === 'pair' && kind === 'pair' ? node : node?.kind === 'group' && kind === 'group' ? node : undefined;
    if (!ownerNode) return this.pickTarget(kind, connected);
    const ownerId = ownerNode.kind === 'pair' ? ownerNode.pairId : ownerNode.groupId;
    try {
      if (ownerNode.kind === 'pair') {
        const pair = tree?.pair?.(ownerNode.regionId, ownerNode.pairId, ownerNode.profileId) ?? (await connected.client.listReplicaPairs(ownerNode.regionId, { pairIds: [ownerNode.pairId] }))[0];
        if (pair) return pairTarget(pair);
      } else {
        const group = tree?.group?.(ownerNode.regionId, ownerNode.groupId, ownerNode.profileId) ?? (await connected.client.listReplicaGroups(ownerNode.regionId, { groupIds: [ownerNode.groupId] }))[0];
        if (group) return groupTarget(group);
      }
    } catch (error) {
      await showError(this.input, error, { switchProfile: () => vscode.commands.executeCommand(SWITCH_PROFILE_COMMAND), viewLogs: () => this.log.show() });
      return undefined;
    }
    void this.input.notify('warning', vscode.l10n.t('{0} no longer exists in {1}. Refresh the view.', ownerId, ownerNode.regionId));
    return undefined;
  }

  /** Palette: region, then the pairs (or groups) seen from it, with status and recovery-point age. */
  private async pickTarget(kind: DrillKind, connected: ConnectedClient): Promise<DrillTarget | undefined> {
    const title = kind === 'pair' ? vscode.l10n.t('Start Pair Drill') : vscode.l10n.t('Start Replica Group Drill');
    const { connection, client } = connected;
    const treeRegions = this.deps.tree?.rootRegionIds?.(connection.profileId) ?? [];
    const regionIds =
      treeRegions.length > 0
        ? [...treeRegions]
        : rootRegions(new RegionChoices(this.deps.context.globalState).chosen(connection.profileId), connection.defaultRegionId).regionIds;
    const regionId = await this.input.pickOne(
      regionIds.map((id) => ({ label: id, value: id })),
      { title, step: 1, totalSteps: 2, placeholder: vscode.l10n.t('Region of the pair (its primary or secondary site)') },
    );
    if (typeof regionId !== 'string') return undefined;
    let targets: DrillTarget[];
    try {
      targets = await this.withBusy(undefined, '', vscode.l10n.t('Loading replication in {0}…', regionId), undefined, (signal) =>
        kind === 'pair'
          ? client.listReplicaPairs(regionId, { signal }).then((pairs) => pairs.map(pairTarget))
          : client.listReplicaGroups(regionId, { signal }).then((groups) => groups.map(groupTarget)),
      );
    } catch (error) {
      await showError(this.input, error, { switchProfile: () => vscode.commands.executeCommand(SWITCH_PROFILE_COMMAND), viewLogs: () => this.log.show() });
      return undefined;
    }
    const unique = [...new Map(targets.map((x) => [x.ownerId, x])).values()].sort((a, b) => a.ownerName.localeCompare(b.ownerName));
    if (unique.length === 0) {
      void this.input.notify('info', kind === 'pair' ? vscode.l10n.t('No replication pairs in {0}.', regionId) : vscode.l10n.t('No replica groups in {0}.', regionId));
      return undefined;
    }
    const now = Date.now();
    const items: PickItem<DrillTarget>[] = unique.map((target) => {
      const reason = notDrillableReason(target);
      return {
        label: target.ownerName,
        description: `${target.ownerId} · ${t(targetDescription(target, now))}`,
        detail: vscode.l10n.t('DR site {0} ({1})', target.regionId, target.zoneId),
        disabledReason: reason ? t(reason) : undefined,
        value: target,
      };
    });
    const picked = await this.input.pickOne(items, {
      title,
      step: 2,
      totalSteps: 2,
      canGoBack: false,
      matchOnDescription: true,
      matchOnDetail: true,
      placeholder: kind === 'pair' ? vscode.l10n.t('Pair to drill (type to search)') : vscode.l10n.t('Replica group to drill (type to search)'),
    });
    return typeof picked === 'object' ? picked : undefined;
  }

  // ------------------------------------------------------------------------------------------
  // Clear
  // ------------------------------------------------------------------------------------------

  private async clearDrill(nodeArg: unknown): Promise<void> {
    const node = asDrillNode(nodeArg);
    let drill: TrackedDrill | undefined;
    if (node?.kind === 'pairDrill' || node?.kind === 'groupDrill') {
      drill = await this.drillFromNode(node);
    } else {
      drill = await this.pickDrill(vscode.l10n.t('Clear Drill'), (d) => isDrillClearable(d.status));
    }
    if (drill) await this.clearTracked(drill);
  }

  private async clearTracked(drill: TrackedDrill): Promise<void> {
    const current = this.tracker.get(drill) ?? drill;
    if (!isDrillClearable(current.status)) {
      void this.input.notify('info', vscode.l10n.t('Drill {0} is {1}; it can be cleared once it has finished.', current.drillId, current.status));
      return;
    }
    const confirmation = clearConfirmation(current);
    if (!(await this.input.confirm(t(confirmation.message), t(confirmation.detail), t(confirmation.confirmLabel)))) return;
    // Cleared with the profile that owns the drill.
    const connected = await this.connectedFor(profilesSideBySide() ? current.account : undefined);
    if (!connected) return;
    await this.sendClear(current, connected);
  }

  private async sendClear(drill: TrackedDrill, connected: ConnectedClient): Promise<void> {
    const { client } = connected;
    const owner = ownerRef(drill.kind, drill.ownerId);
    try {
      await this.withBusy(owner, vscode.l10n.t('Clearing drill…'), vscode.l10n.t('Clearing drill {0}…', drill.drillId), connected.connection.profileId, (signal) =>
        drill.kind === 'pair'
          ? client.clearPairDrill({ regionId: drill.regionId, pairId: drill.ownerId, drillId: drill.drillId, signal })
          : client.clearReplicaGroupDrill({ regionId: drill.regionId, groupId: drill.ownerId, drillId: drill.drillId, signal }),
      );
    } catch (error) {
      if (!isCancellation(error)) this.log.warn(`Clearing drill ${drill.drillId} in ${drill.regionId} failed: ${explainError(error).code}`);
      await showError(
        this.input,
        error,
        {
          retry: () => this.sendClear(drill, connected),
          switchProfile: () => vscode.commands.executeCommand(SWITCH_PROFILE_COMMAND),
          viewLogs: () => this.log.show(),
        },
        this.named(connected.connection.profileId, vscode.l10n.t('Could not clear drill {0}:', drill.drillId)),
      );
      return;
    }
    this.log.info(`Clearing drill ${drill.drillId} of ${drill.ownerId} in ${drill.regionId}`);
    if (!this.tracker.get(drill)) this.tracker.track({ ...drill, account: connected.connection.profileId });
    this.tracker.markClearing(drill);
    this.deps.tree?.invalidateDrills?.(owner, connected.connection.profileId);
  }

  /** The drill behind a tree node, asked in its DR region. */
  private async drillFromNode(node: Extract<DrillNode, { drillId: string }>): Promise<TrackedDrill | undefined> {
    const account = node.profileId ?? (await this.deps.connections.current().catch(() => undefined))?.profileId;
    if (account === undefined) return undefined;
    const profileId = node.profileId;
    const tree = this.deps.tree;
    const known = this.tracker.drills().find((d) => d.drillId === node.drillId);
    if (node.kind === 'pairDrill') {
      const pair = tree?.pair?.(node.regionId, node.pairId, profileId);
      const listed = tree?.pairDrill?.(node.pairId, node.drillId, profileId);
      const base = known ?? {
        kind: 'pair' as const,
        regionId: pair?.destinationRegionId ?? node.regionId,
        ownerId: node.pairId,
        drillId: node.drillId,
        account,
        ownerName: pair?.name,
        zoneId: pair?.destinationZoneId,
        followed: false,
        status: 'executed',
        disks: [],
      };
      return listed ? { ...base, ...observePairDrill(listed) } : base;
    }
    const group = tree?.group?.(node.regionId, node.groupId, profileId);
    const listed = tree?.groupDrill?.(node.groupId, node.drillId, profileId);
    const base = known ?? {
      kind: 'group' as const,
      regionId: group?.destinationRegionId ?? node.regionId,
      ownerId: node.groupId,
      drillId: node.drillId,
      account,
      ownerName: group?.name,
      zoneId: group?.destinationZoneId,
      followed: false,
      status: 'executed',
      disks: [],
    };
    return listed ? { ...base, ...observeGroupDrill(listed) } : base;
  }

  // ------------------------------------------------------------------------------------------
  // Show Drills (status-bar click)
  // ------------------------------------------------------------------------------------------

  private async pickDrill(title: string, filter: (d: TrackedDrill) => boolean): Promise<TrackedDrill | undefined> {
    const drills = this.tracker.drills().filter(filter);
    if (drills.length === 0) {
      void this.input.notify('info', vscode.l10n.t('No drills to show. Drills started here, or shown in the Replication view, appear here.'));
      return undefined;
    }
    const now = Date.now();
    const picked = await this.input.pickOne(
      drills.map((d) => ({ label: d.drillId, description: ownerLabel(d), detail: t(lineText(d, now)), value: drillKey(d) })),
      { title, matchOnDescription: true, placeholder: vscode.l10n.t('Drill') },
    );
    return typeof picked === 'string' ? drills.find((d) => drillKey(d) === picked) : undefined;
  }

  private async showDrills(): Promise<void> {
    const drill = await this.pickDrill(vscode.l10n.t('EBS DR Drills'), () => true);
    if (!drill) return;
    type Action = 'reveal' | 'copyDrillId' | 'copyDiskId' | 'clear';
    const disks = drill.disks.map((d) => d.diskId);
    const actions: PickItem<Action>[] = [
      { label: `$(list-tree) ${vscode.l10n.t('Show in Tree')}`, value: 'reveal' },
      { label: `$(copy) ${vscode.l10n.t('Copy Drill ID')}`, description: drill.drillId, value: 'copyDrillId' },
    ];
    if (disks.length > 0) actions.push({ label: `$(copy) ${vscode.l10n.t('Copy Disk ID')}`, description: disks.join(', '), value: 'copyDiskId' });
    actions.push({
      label: `$(trash) ${vscode.l10n.t('Clear Drill')}`,
      value: 'clear',
      disabledReason: isDrillClearable(drill.status) ? undefined : vscode.l10n.t('Drill {0} is {1}; it can be cleared once it has finished.', drill.drillId, drill.status),
    });
    const action = await this.input.pickOne(actions, { title: drill.drillId, placeholder: ownerLabel(drill) });
    if (action === 'reveal') await this.reveal(drill.kind, drill.ownerId, drill.drillId, drill.account);
    else if (action === 'copyDrillId') await this.copy(drill.drillId);
    else if (action === 'copyDiskId') await this.copy(disks.join(' '));
    else if (action === 'clear') await this.clearTracked(drill);
  }

  // ------------------------------------------------------------------------------------------
  // Helpers
  // ------------------------------------------------------------------------------------------

  private async connected(): Promise<ConnectedClient | undefined> {
    let connected: ConnectedClient | undefined;
    try {
      connected = await this.deps.clients.active();
    } catch (error) {
      await showError(this.input, error, { switchProfile: () => vscode.commands.executeCommand(SWITCH_PROFILE_COMMAND), viewLogs: () => this.log.show() });
      return undefined;
    }
    if (!connected) {
      const add = vscode.l10n.t('Add Profile');
      const choice = await this.input.notify('warning', vscode.l10n.t('No EBS DR profile is active. Add a profile with an AccessKey first.'), add);
      if (choice === add) await vscode.commands.executeCommand(COMMAND.addProfile);
    }
    return connected;
  }

  /** The connection of a profile (undefined: the active one), or undefined after telling the user why it cannot be used. */
  private async connectedFor(profileId: string | undefined): Promise<ConnectedClient | undefined> {
    if (profileId === undefined) return this.connected();
    const got = await this.deps.clients.forProfile(profileId);
    if ('connected' in got) return got.connected;
    const { resolution } = got;
    const text =
      resolution.status === 'unusable'
        ? resolution.problem.detail
          ? `${localise(resolution.problem.message)} ${localise(resolution.problem.detail)}`
          : localise(resolution.problem.message)
        : vscode.l10n.t('No EBS DR profile is active. Add a profile with an AccessKey first.');
    await this.input.notify('warning', text);
    return undefined;
  }

  /**
   * Runs a request with progress in context (the owner's tree node spins; without a tree, the window's progress) and,
   * only when it takes longer than a moment, a cancellable progress notification.
   */
  private async withBusy<T>(
    owner: DrillOwnerRef | undefined,
    nodeText: string,
    title: string,
    profileId: string | undefined,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const busy = owner ? this.deps.tree?.busy?.(owner, nodeText, profileId) : undefined;
    const work = run(controller.signal);
    const quiet = work.then(
      () => undefined,
      () => undefined,
    );
    if (!busy) void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => quiet);
    const timer = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return quiet;
      });
    }, PROGRESS_NOTIFICATION_DELAY_MS);
    try {
      return await work;
    } finally {
      clearTimeout(timer);
      busy?.dispose();
      this.inFlight.delete(controller);
    }
  }

  private async reveal(kind: DrillKind, ownerId: string, drillId: string, account?: string): Promise<void> {
    if (this.deps.tree?.reveal) await this.deps.tree.reveal(kind, ownerId, drillId, profilesSideBySide() ? account : undefined);
    else await vscode.commands.executeCommand('ebsDr.replication.focus');
  }

  private async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  testApi(): DrillsTestApi {
    return {
      tracked: () => this.tracker.drills(),
      pollNow: () => this.tracker.pollNow(),
      hasTimer: () => this.tracker.hasTimer(),
      isPaused: () => this.tracker.paused,
      statusBar: () => this.statusBar.snapshot(),
      simulateReload: () => {
        const account = this.tracker.drills()[0]?.account;
        this.createTracker(account);
        void this.updateAccount();
      },
      cancelRequests: () => this.inFlight.forEach((c) => c.abort()),
      reset: async () => {
        await this.deps.context.globalState.update(TRACKED_DRILLS_KEY, undefined);
        await this.deps.context.globalState.update(ANNOUNCED_DRILLS_KEY, undefined);
        this.createTracker();
        await this.updateAccount();
      },
      polls: () => this.tracker.polls,
      runningDrills: this.runningDrills,
    };
  }

  dispose(): void {
    this.trackerSubscriptions.forEach((s) => s.dispose());
    this.subscriptions.forEach((s) => s.dispose());
    this.inFlight.forEach((c) => c.abort());
  }
}

function ownerRef(kind: DrillKind, ownerId: string): DrillOwnerRef {
  return kind === 'pair' ? { kind: 'pair', pairId: ownerId } : { kind: 'group', groupId: ownerId };
}
