// Freshness of the pairs and groups for the tree (the replication layer's DrillFreshness port): when each was last
// drilled successfully and whether it is overdue, from the drill records, the setting ebsDr.drillIntervalDays and the
// policy file drill-policy.json of the evidence folder. Also counts the overdue pairs and groups the tree has loaded
// (the status bar and the badge show it when no drill runs). Ages are the tree's to compute at render time, from the
// instant of the last drill, so they never grow stale; the overdue marks are recomputed every hour.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DrillFreshness, OwnerFreshness, VerifiableDrill, VerificationMark } from '../../replication/freshness';
import { evidenceKey, isVerificationRunning } from '../evidence';
import type { ReplicationView } from '../../replication/ui/replicationView';
import { Emitter } from '../../shared/events';
import { onSettingChanged, setting, SETTING } from '../../shared/ui/settings';
import type { Log } from '../../shared/ui/log';
import { EvidenceIndex, freshness, movesFreshness } from '../freshness';
import { EMPTY_POLICY, intervalDaysFor, parsePolicy, POLICY_FILE_NAME, type DrillPolicy } from '../policy';
import type { RecordSet } from '../recordSet';

const HOUR_MS = 3_600_000;
export const DEFAULT_INTERVAL_DAYS = 90;

export interface FreshnessOwner {
  kind: 'pair' | 'group';
  id: string;
  name: string;
}

export class FreshnessService implements DrillFreshness, vscode.Disposable {
  private index: EvidenceIndex | undefined;
  private policy: DrillPolicy = EMPTY_POLICY;
  private readonly changes = new Emitter<void>();
  private readonly overdueChanges = new Emitter<number>();
  private overdue = -1;
  private readonly subscriptions: { dispose(): void }[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private policyProblems = '';
  private policyText: string | undefined;
  /** ebsDr.drillIntervalDays, read once and on change (of() runs for every row the tree draws). */
  private settingDays = readIntervalSetting();
  private policyLoaded = false;

  readonly onDidChangeOverdue = this.overdueChanges.event;

  constructor(
    private readonly records: RecordSet,
    private readonly tree: ReplicationView,
    private readonly teamFolder: () => string | undefined,
    private readonly log: Log,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.subscriptions.push(
      records.onDidChange((change) => {
        // Most writes (every poll of a running drill) say nothing about freshness: the tree is redrawn only when a
        // pair's or group's last successful drill may have moved.
        // A drill row shows its verification too: a change of its state redraws.
        if (change && !movesFreshness(change.record, change.previous) && change.record.verification?.state === change.previous?.verification?.state) return;
        this.index = undefined;
        this.changed();
      }),
      onSettingChanged([SETTING.drillIntervalDays], () => {
        this.settingDays = readIntervalSetting();
        this.changed();
      }),
      tree.onDidChangeLoaded(() => this.countOverdue()),
    );
    this.timer = setInterval(() => this.changed(), HOUR_MS);
    void this.reloadPolicy();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changes.event(listener);
  }

  /** The record's last verification of the drill, as the drill row shows it. */
  verificationOf(drill: VerifiableDrill): VerificationMark | undefined {
    const verification = this.records.get(evidenceKey({ kind: drill.kind, regionId: drill.regionId, drillId: drill.drillId, owner: { id: drill.ownerId } }))?.verification;
    // One left `verifying` by a window that closed mid-way did not finish.
    if (verification?.state === 'verifying' && !isVerificationRunning(verification, this.now())) return 'incomplete';
    return verification?.state;
  }

  of(owner: FreshnessOwner): OwnerFreshness | undefined {
    if (!this.records.loaded) return undefined;
    // The cadence off (0): neither the marks nor the freshness texts.
    const intervalDays = this.intervalDaysFor(owner);
    if (intervalDays <= 0) return undefined;
    this.index ??= new EvidenceIndex(this.records.all());
    return { ...freshness(owner, this.index, intervalDays, this.now()), intervalDays };
  }

  /** The drill interval of a pair or group: the policy file's, else the setting's. */
  intervalDaysFor(owner: FreshnessOwner): number {
    return intervalDaysFor(this.policy, this.settingDays, owner);
  }

  /** The overdue pairs and groups the tree has loaded (each once), of the active profile's regions or of `regionId`. */
  overdueOwners(regionId?: string, profileId?: string): FreshnessOwner[] {
    const regions = regionId ? [regionId] : this.tree.rootRegionIds(profileId);
    const seen = new Map<string, FreshnessOwner>();
    for (const region of regions) {
      const loaded = this.tree.loadedRegion(region, profileId);
      if (!loaded) continue;
      for (const pair of loaded.pairs) seen.set(pair.pairId, { kind: 'pair', id: pair.pairId, name: pair.name || pair.pairId });
      for (const group of loaded.groups) seen.set(group.groupId, { kind: 'group', id: group.groupId, name: group.name || group.groupId });
    }
    return [...seen.values()].filter((owner) => this.of(owner)?.overdue === true);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.changes.dispose();
    this.overdueChanges.dispose();
  }

  private changed(): void {
    this.changes.fire();
    this.countOverdue();
  }

  private countOverdue(): void {
    const count = this.records.loaded ? this.overdueOwners().length : 0;
    if (count === this.overdue) return;
    this.overdue = count;
    this.overdueChanges.fire(count);
  }

  /** Reads the policy file of the team's evidence folder again (with the records, when the folder changes). */
  async reloadPolicy(): Promise<void> {
    const folder = this.teamFolder();
    let text: string | undefined;
    if (folder) text = await readFile(join(folder, POLICY_FILE_NAME), 'utf8').catch(() => undefined);
    // Rereads come with every record file written to the team folder (its watcher): only a new policy redraws.
    if (this.policyLoaded && text === this.policyText) return;
    this.policyLoaded = true;
    this.policyText = text;
    const parsed = text === undefined ? { policy: EMPTY_POLICY, problems: [] } : parsePolicy(text);
    this.policy = parsed.policy;
    const problems = parsed.problems.join('; ');
    if (problems && problems !== this.policyProblems) this.log.warn(`${POLICY_FILE_NAME}: ${problems}`);
    this.policyProblems = problems;
    this.changed();
  }
}

function readIntervalSetting(): number {
  return setting<number>(SETTING.drillIntervalDays, DEFAULT_INTERVAL_DAYS);
}
