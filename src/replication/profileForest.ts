// The Replication view's tree when it shows several profiles side by side (ebsDr.profilesInTree): one root per
// profile, each expanding to its own ReplicationExplorer (its regions, groups, pairs and drills, every call made with
// that profile), or to one node saying why the profile cannot be used, with one clickable row per way out under it.
// Without side by side the tree is the one explorer of the active profile, or, while that profile cannot be used,
// the same problem node and its ways out as the only root. Pure: the shell maps PresentedNode to a TreeItem.
import { remedy, type ProblemRemedy } from '../credentials/remedies';
import type { ReplicationExplorer } from './explorer';
import { profileNodeId, type NodeRef, type PresentedNode } from './nodes';
import { MESSAGE_ICONS } from './status';
import type { Localiser } from './text';

export type ProfileProblemKind = 'environmentInvalid' | 'secretMissing' | 'sourceMissing' | 'rejected';

export type { ProblemRemedy };

export type ProfileNodeRef =
  | { kind: 'profile'; id: string; profileId: string }
  /** "Cannot use this profile: …" (the active profile's, or one shown side by side); its children are the ways out. */
  | { kind: 'profileProblem'; id: string; profileId: string; problem: ProfileProblemKind }
  /** One way out under a problem node; activating it runs the remedy for that profile. */
  | { kind: 'profileRemedy'; id: string; profileId: string; remedy: ProblemRemedy };

export type TreeRef = NodeRef | ProfileNodeRef;

export function isProfileNode(ref: TreeRef): ref is ProfileNodeRef {
  return ref.kind === 'profile' || ref.kind === 'profileProblem' || ref.kind === 'profileRemedy';
}

/** Why a profile cannot be used, already localised, and the ways out in the order they are offered. */
export interface SlotProblem {
  kind: ProfileProblemKind;
  text: string;
  remedies: readonly ProblemRemedy[];
}

/** One profile shown side by side: its explorer while usable, else why not (already localised). */
export interface ProfileSlot {
  profileId: string;
  profileName: string;
  active: boolean;
  explorer?: ReplicationExplorer;
  problem?: SlotProblem;
}

export interface ProfileEntryLike {
  id: string;
  name: string;
  active: boolean;
}

/** The profiles to show side by side: those named in ebsDr.treeProfiles (in the list's order), or every one when none is named. */
export function shownProfiles<T extends ProfileEntryLike>(profiles: readonly T[], names: readonly unknown[] | undefined): T[] {
  const wanted = new Set((names ?? []).filter((n): n is string => typeof n === 'string' && n !== ''));
  if (wanted.size === 0) return [...profiles];
  return profiles.filter((p) => wanted.has(p.name));
}

/** The row of a way out: what it does, in the words of its command, and its codicon. */
export function remedyPresentation(way: ProblemRemedy, l: Localiser): { label: string; icon: string } {
  const { label, icon } = remedy(way);
  return { label: l.t(label), icon };
}

export class ProfileForest {
  private slots: ProfileSlot[] = [];
  private sideBySide = false;
  /** Without side by side: the active profile while it cannot be used (its problem node replaces the explorer's roots). */
  private activeProblem: ProfileSlot | undefined;
  private readonly refs = new Map<string, ProfileNodeRef>();
  private readonly listeners = new Set<(changed: TreeRef[] | undefined) => void>();
  private readonly subscriptions = new Map<ReplicationExplorer, { dispose(): void }>();

  constructor(
    private readonly single: ReplicationExplorer,
    private readonly l: Localiser,
  ) {
    this.subscriptions.set(
      single,
      single.onDidChange((changed) => {
        if (!this.sideBySide && !this.activeProblem) this.fire(changed);
      }),
    );
  }

  get isSideBySide(): boolean {
    return this.sideBySide;
  }

  /** Side by side with these profiles, or (undefined) the single explorer of the active profile. */
  setProfiles(slots: readonly ProfileSlot[] | undefined): void {
    this.sideBySide = slots !== undefined;
    this.slots = slots ? [...slots] : [];
    const live = new Set(this.slots.flatMap((s) => (s.explorer ? [s.explorer] : [])));
    live.add(this.single);
    for (const [explorer, subscription] of [...this.subscriptions]) {
      if (!live.has(explorer)) {
        subscription.dispose();
        this.subscriptions.delete(explorer);
      }
    }
    for (const slot of this.slots) {
      const explorer = slot.explorer;
      if (!explorer || this.subscriptions.has(explorer)) continue;
      this.subscriptions.set(
        explorer,
        explorer.onDidChange((changed) => {
          if (!this.sideBySide || !this.slots.some((s) => s.explorer === explorer)) return;
          // A whole-explorer change (new source, new regions) redraws that profile's subtree only.
          this.fire(changed ?? [this.profileRef(slot.profileId)]);
        }),
      );
    }
    this.fire(undefined);
  }

  /** Without side by side: shows why the active profile cannot be used (and its ways out) instead of its regions, or (undefined) its regions again. */
  setActiveProblem(profile: { profileId: string; profileName: string; problem: SlotProblem } | undefined): void {
    const before = JSON.stringify(this.activeProblem ?? null);
    this.activeProblem = profile ? { profileId: profile.profileId, profileName: profile.profileName, active: true, problem: profile.problem } : undefined;
    if (JSON.stringify(this.activeProblem ?? null) !== before && !this.sideBySide) this.fire(undefined);
  }

  /** Redraws one profile's subtree (its slot changed: now usable, now refused…). */
  updateSlot(slot: ProfileSlot): void {
    const index = this.slots.findIndex((s) => s.profileId === slot.profileId);
    if (index < 0) return;
    this.slots[index] = slot;
    this.setProfiles(this.slots);
  }

  profiles(): readonly ProfileSlot[] {
    return this.slots;
  }

  slot(profileId: string): ProfileSlot | undefined {
    if (!this.sideBySide) return this.activeProblem?.profileId === profileId ? this.activeProblem : undefined;
    return this.slots.find((s) => s.profileId === profileId);
  }

  /** Every explorer in use (the single one, or one per usable profile shown). */
  explorers(): ReplicationExplorer[] {
    return this.sideBySide ? this.slots.flatMap((s) => (s.explorer ? [s.explorer] : [])) : [this.single];
  }

  /** The explorer a node belongs to (side by side: its profile's). */
  explorerOf(ref: TreeRef | undefined): ReplicationExplorer | undefined {
    if (!this.sideBySide) return this.single;
    if (!ref?.profileId) return undefined;
    return this.slot(ref.profileId)?.explorer;
  }

  onDidChange(listener: (changed: TreeRef[] | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  profileRef(profileId: string): ProfileNodeRef {
    const id = profileNodeId(profileId);
    const found = this.refs.get(id);
    if (found) return found;
    const ref: ProfileNodeRef = { kind: 'profile', id, profileId };
    this.refs.set(id, ref);
    return ref;
  }

  private problemRef(profileId: string, problem: ProfileProblemKind): ProfileNodeRef {
    return this.remembered({ kind: 'profileProblem', id: `${profileNodeId(profileId)}/problem/${problem}`, profileId, problem });
  }

  private remedyRef(profileId: string, problem: ProfileProblemKind, remedy: ProblemRemedy): ProfileNodeRef {
    return this.remembered({ kind: 'profileRemedy', id: `${profileNodeId(profileId)}/problem/${problem}/${remedy}`, profileId, remedy });
  }

  /** The same ref object for the same id, so VS Code keeps expansion and selection. */
  private remembered(ref: ProfileNodeRef): ProfileNodeRef {
    const found = this.refs.get(ref.id);
    if (found) return found;
    this.refs.set(ref.id, ref);
    return ref;
  }

  /** A node by id, if it has been shown (any explorer's). */
  byId(id: string): TreeRef | undefined {
    const own = this.refs.get(id);
    if (own) return own;
    for (const explorer of this.explorers()) {
      const found = explorer.byId(id);
      if (found) return found;
    }
    return undefined;
  }

  roots(): TreeRef[] {
    if (this.sideBySide) return this.slots.map((s) => this.profileRef(s.profileId));
    const problem = this.activeProblem?.problem;
    return this.activeProblem && problem ? [this.problemRef(this.activeProblem.profileId, problem.kind)] : this.single.roots();
  }

  async children(ref: TreeRef | undefined): Promise<TreeRef[]> {
    if (ref?.kind === 'profileRemedy') return [];
    if (ref?.kind === 'profileProblem') {
      const problem = this.slot(ref.profileId)?.problem;
      return problem ? problem.remedies.map((r) => this.remedyRef(ref.profileId, problem.kind, r)) : [];
    }
    if (!this.sideBySide) return ref && isProfileNode(ref) ? [] : ref ? this.single.children(ref) : this.roots();
    if (!ref) return this.roots();
    if (ref.kind === 'profile') {
      const slot = this.slot(ref.profileId);
      if (!slot) return [];
      if (slot.problem) return [this.problemRef(slot.profileId, slot.problem.kind)];
      return slot.explorer ? slot.explorer.roots() : [];
    }
    return this.explorerOf(ref)?.children(ref) ?? [];
  }

  parent(ref: TreeRef): TreeRef | undefined {
    if (ref.kind === 'profileRemedy') {
      const problem = this.slot(ref.profileId)?.problem;
      return problem ? this.problemRef(ref.profileId, problem.kind) : undefined;
    }
    if (!this.sideBySide) return isProfileNode(ref) ? undefined : this.single.parent(ref);
    if (ref.kind === 'profile') return undefined;
    if (ref.kind === 'profileProblem' || ref.kind === 'region') return ref.profileId ? this.profileRef(ref.profileId) : undefined;
    return this.explorerOf(ref)?.parent(ref);
  }

  tooltip(ref: TreeRef): string | undefined {
    if (isProfileNode(ref)) return this.present(ref).tooltip;
    return this.explorerOf(ref)?.tooltip(ref);
  }

  present(ref: TreeRef): PresentedNode {
    const l = this.l;
    if (ref.kind === 'profile') {
      const slot = this.slot(ref.profileId);
      const name = slot?.profileName ?? ref.profileId;
      const usable = slot !== undefined && slot.problem === undefined;
      return {
        id: ref.id,
        label: name,
        description: slot?.active ? l.t('active profile') : undefined,
        tooltip: slot?.active ? l.t('Profile {0} (active)', name) : l.t('Profile {0}', name),
        icon: usable ? { id: 'account' } : MESSAGE_ICONS.loadError,
        contextValue: usable ? 'profile' : 'profile.unusable',
        collapsible: 'expanded',
      };
    }
    if (ref.kind === 'profileProblem') {
      const slot = this.slot(ref.profileId);
      const text = slot?.problem?.text ?? l.t('the request failed');
      // Alone in the view, the view's message (which wraps) says why; the row names the profile and keeps the reason in its tooltip.
      const label = this.sideBySide ? l.t('Cannot use this profile: {0}', text) : l.t('Cannot use the profile "{0}"', slot?.profileName ?? ref.profileId);
      const tooltip = this.sideBySide ? label : `${label}: ${text}`;
      return { id: ref.id, label, tooltip, icon: MESSAGE_ICONS.loadError, contextValue: `profileProblem.${ref.problem}`, collapsible: 'expanded', retry: true };
    }
    if (ref.kind === 'profileRemedy') {
      const { label, icon } = remedyPresentation(ref.remedy, l);
      return { id: ref.id, label, icon: { id: icon }, contextValue: `profileRemedy.${ref.remedy}`, collapsible: 'none' };
    }
    const explorer = this.explorerOf(ref);
    if (!explorer) return { id: ref.id, label: ref.id, icon: MESSAGE_ICONS.info, contextValue: 'message', collapsible: 'none' };
    return explorer.present(ref);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions.clear();
    this.listeners.clear();
  }

  private fire(changed: TreeRef[] | undefined): void {
    if (changed !== undefined && changed.length === 0) return;
    for (const listener of this.listeners) listener(changed);
  }
}
