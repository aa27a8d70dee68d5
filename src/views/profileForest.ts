// The Replication view's tree when it shows several profiles side by side (ebsDr.profilesInTree): one root per
// profile, each expanding to its own ReplicationExplorer (its regions, groups, pairs and drills, every call made with
// that profile), or to one node saying why the profile cannot be used. Without side by side the tree is the one
// explorer of the active profile, as before. Pure: the shell maps PresentedNode to a TreeItem.
import { MESSAGE_ICONS } from './presentation';
import { profileNodeId, type NodeRef, type PresentedNode, type ReplicationExplorer } from './explorer';
import type { Localiser } from './text';

export type ProfileProblemKind = 'environmentInvalid' | 'secretMissing' | 'sourceMissing' | 'rejected';

export type ProfileNodeRef =
  | { kind: 'profile'; id: string; profileId: string }
  /** "Cannot use this profile: …" under a profile that cannot be used; activating it offers the remedies. */
  | { kind: 'profileProblem'; id: string; profileId: string; problem: ProfileProblemKind };

export type TreeRef = NodeRef | ProfileNodeRef;

export function isProfileNode(ref: TreeRef): ref is ProfileNodeRef {
  return ref.kind === 'profile' || ref.kind === 'profileProblem';
}

/** One profile shown side by side: its explorer while usable, else why not (already localised). */
export interface ProfileSlot {
  profileId: string;
  profileName: string;
  active: boolean;
  explorer?: ReplicationExplorer;
  problem?: { kind: ProfileProblemKind; text: string };
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

export class ProfileForest {
  private slots: ProfileSlot[] = [];
  private sideBySide = false;
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
        if (!this.sideBySide) this.fire(changed);
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
    const id = `${profileNodeId(profileId)}/problem/${problem}`;
    const found = this.refs.get(id);
    if (found) return found;
    const ref: ProfileNodeRef = { kind: 'profileProblem', id, profileId, problem };
    this.refs.set(id, ref);
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
    return this.sideBySide ? this.slots.map((s) => this.profileRef(s.profileId)) : this.single.roots();
  }

  async children(ref: TreeRef | undefined): Promise<TreeRef[]> {
    if (!this.sideBySide) return ref && isProfileNode(ref) ? [] : this.single.children(ref);
    if (!ref) return this.roots();
    if (ref.kind === 'profileProblem') return [];
    if (ref.kind === 'profile') {
      const slot = this.slot(ref.profileId);
      if (!slot) return [];
      if (slot.problem) return [this.problemRef(slot.profileId, slot.problem.kind)];
      return slot.explorer ? slot.explorer.roots() : [];
    }
    return this.explorerOf(ref)?.children(ref) ?? [];
  }

  parent(ref: TreeRef): TreeRef | undefined {
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
      const label = l.t('Cannot use this profile: {0}', text);
      return { id: ref.id, label, tooltip: label, icon: MESSAGE_ICONS.loadError, contextValue: `profileProblem.${ref.problem}`, collapsible: 'none', retry: true };
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
