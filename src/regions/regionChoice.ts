// Which regions are the roots of the Replication view: chosen per profile (Select Regions / Find Regions with
// Pairs) and kept in a key-value store (the extension's globalState); the profile's default region otherwise. Pure.
import { isValidRegionId } from '../ebs/endpoint';
import { Emitter } from '../shared/events';

/** The part of a VS Code Memento the view needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const REGION_CHOICE_KEY_PREFIX = 'ebsDr.replication.regions.';

export function regionChoiceKey(profileId: string): string {
  return `${REGION_CHOICE_KEY_PREFIX}${profileId}`;
}

/** Unique, valid, sorted region IDs. */
export function normaliseRegionIds(ids: readonly unknown[]): string[] {
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && isValidRegionId(id)))].sort();
}

export class RegionChoices {
  private readonly changes = new Emitter<string>();
  /** Fires (with the profile id) after a profile's choice was written. */
  readonly onDidChange = this.changes.event;

  constructor(private readonly store: KeyValueStore) {}

  /** The regions chosen for the profile, or undefined when the user never chose (or chose none). */
  chosen(profileId: string): string[] | undefined {
    const raw = this.store.get<unknown>(regionChoiceKey(profileId));
    if (!Array.isArray(raw)) return undefined;
    const ids = normaliseRegionIds(raw);
    return ids.length > 0 ? ids : undefined;
  }

  async set(profileId: string, regionIds: readonly string[]): Promise<string[]> {
    const ids = normaliseRegionIds(regionIds);
    await this.store.update(regionChoiceKey(profileId), ids.length > 0 ? ids : undefined);
    this.changes.fire(profileId);
    return ids;
  }

  /** Adds regions to the profile's choice (starting from the default region when nothing was chosen yet). */
  async add(profileId: string, defaultRegionId: string, regionIds: readonly string[]): Promise<string[]> {
    return this.set(profileId, [...(this.chosen(profileId) ?? [defaultRegionId]), ...regionIds]);
  }
}

export interface RootRegions {
  regionIds: string[];
  /** True when nothing was chosen and the roots are just the profile's default region. */
  usingDefault: boolean;
}

export function rootRegions(chosen: readonly string[] | undefined, defaultRegionId: string): RootRegions {
  return chosen && chosen.length > 0 ? { regionIds: [...chosen], usingDefault: false } : { regionIds: [defaultRegionId], usingDefault: true };
}
