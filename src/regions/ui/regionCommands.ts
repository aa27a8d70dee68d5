// Select Regions and Find Regions with Pairs: which regions are the roots of the Replication view, chosen per
// profile. The view they serve implements RegionRoots (regions know nothing of the tree).
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { explainError } from '../../ebs/catalogue';
import type { RegionInventory } from '../../ebs/inventory';
import { COMMAND } from '../../shared/commands';
import type { ActionContext, Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import { BACK, type UserInput } from '../../shared/ui/userInput';
import { findRegionsWithPairs, replicationRegions } from '../findRegions';
import { rootRegions, type RegionChoices } from '../regionChoice';

/** What the region commands need from the view whose roots they choose. */
export interface RegionRoots {
  /** The profile of the node a command was invoked on, when the view shows profiles side by side (else the active one). */
  profileOf(node: unknown): Promise<string | undefined>;
  /** True while the view shows profiles side by side (titles and notes then name the profile). */
  sideBySide(): boolean;
  /** The regions the view shows for the profile now, when it shows it. */
  shownRegionIds(profileId: string): readonly string[] | undefined;
  /** Names of regions for the tooltips (DescribeRegions' LocalName). */
  setRegionNames(names: ReadonlyMap<string, string>): void;
  /** The profile's choice changed: show its roots (taking inventories already loaded); resolves once the new ones loaded. */
  rootsChosen(connected: ConnectedClient, loaded?: readonly RegionInventory[]): Promise<void>;
  /** Shows progress on the view while `work` runs. */
  withProgress<T>(work: Promise<T>, title?: string): Promise<T>;
  /** Regions loaded at the same time. */
  readonly concurrency: number;
}

export interface RegionCommandsDeps {
  actions: Actions<ConnectedClient>;
  choices: RegionChoices;
  input: UserInput;
  log: Log;
  roots: RegionRoots;
}

export function registerRegionCommands(deps: RegionCommandsDeps): vscode.Disposable[] {
  const { choices, input, log, roots } = deps;
  const connect = async (context: ActionContext<ConnectedClient>, node: unknown): Promise<ConnectedClient> => context.requireConnection(await roots.profileOf(node));
  const named = (profileName: string, text: string): string => (roots.sideBySide() ? vscode.l10n.t('{0}: {1}', profileName, text) : text);

  async function selectRegions(context: ActionContext<ConnectedClient>, node?: unknown): Promise<void> {
    const connected = await connect(context, node);
    const { connection, client } = connected;
    context.retry = () => vscode.commands.executeCommand(COMMAND.selectRegions, node);
    const regions = await roots.withProgress(replicationRegions(client, connection.defaultRegionId));
    const current = roots.shownRegionIds(connection.profileId) ?? rootRegions(choices.chosen(connection.profileId), connection.defaultRegionId).regionIds;
    const listed = new Set(regions.map((r) => r.regionId));
    const items = [
      ...regions.map((r) => ({ label: r.regionId, description: r.localName, picked: current.includes(r.regionId), value: r.regionId })),
      ...current.filter((id) => !listed.has(id)).map((id) => ({ label: id, description: vscode.l10n.t('not offered for async replication'), picked: true, value: id })),
    ];
    const picked = await input.pickMany(items, {
      title: named(connection.profileName, vscode.l10n.t('Select Regions')),
      placeholder: vscode.l10n.t('Regions to show in the Replication view (none: the profile\'s default region {0})', connection.defaultRegionId),
    });
    if (picked === undefined || picked === BACK) return;
    roots.setRegionNames(new Map(regions.map((r) => [r.regionId, r.localName])));
    await choices.set(connection.profileId, picked);
    await roots.rootsChosen(connected);
  }

  async function findRegions(context: ActionContext<ConnectedClient>, node?: unknown): Promise<void> {
    const connected = await connect(context, node);
    const { connection, client } = connected;
    context.retry = () => vscode.commands.executeCommand(COMMAND.findRegionsWithPairs, node);
    const result = await roots.withProgress(
      findRegionsWithPairs(client, connection.defaultRegionId, { concurrency: roots.concurrency }),
      vscode.l10n.t('Looking for replication pairs in every region…'),
    );
    roots.setRegionNames(new Map(result.regions.map((r) => [r.regionId, r.localName])));
    for (const failed of result.failed) log.warn(`Find Regions with Pairs: ${failed.regionId}: ${explainError(failed.error).code}`);
    if (result.withPairs.length > 0) {
      // The default region stays only if it was chosen or has pairs itself.
      const base = choices.chosen(connection.profileId) ?? [];
      await choices.set(connection.profileId, [...base, ...result.withPairs]);
      void roots.rootsChosen(connected, result.inventories);
    }
    const failedText =
      result.failed.length > 0 ? ` ${vscode.l10n.t('Could not check {0}: see the EBS DR log.', result.failed.map((f) => f.regionId).join(', '))}` : '';
    const summary =
      result.withPairs.length > 0
        ? vscode.l10n.t('Replication pairs found in {0} of {1} regions: {2}.', result.withPairs.length, result.regions.length, result.withPairs.join(', '))
        : vscode.l10n.t('No replication pairs found in {0} regions.', result.regions.length);
    void input.notify(result.failed.length > 0 ? 'warning' : 'info', named(connection.profileName, summary + failedText));
  }

  return [deps.actions.register(COMMAND.selectRegions, selectRegions), deps.actions.register(COMMAND.findRegionsWithPairs, findRegions)];
}
