// The verification instance quick pick: the zone's running Linux instances with Cloud Assistant online, the one
// chosen last time (per profile and zone) first; the others in the zone are listed but cannot be chosen, each with
// the reason. The choice is remembered only once the user confirmed the verification.
import * as vscode from 'vscode';
import type { EcsApi, EcsInstance } from '../../ecs/types';
import { BACK, type UserInput } from '../../shared/ui/userInput';
import { verificationCandidates, type NotOfferedReason } from '../instances';
import type { VerificationInstanceChoice } from '../verify';

/** globalState: `<profile id>\n<zone>` → the instance ID last chosen there. */
export const REMEMBERED_INSTANCES_KEY = 'ebsDr.verificationInstances';

export class RememberedInstances {
  constructor(private readonly state: vscode.Memento) {}

  get(profileId: string, zoneId: string): string | undefined {
    return this.all()[`${profileId}\n${zoneId}`];
  }

  async set(profileId: string, zoneId: string, instanceId: string): Promise<void> {
    await this.state.update(REMEMBERED_INSTANCES_KEY, { ...this.all(), [`${profileId}\n${zoneId}`]: instanceId });
  }

  private all(): Record<string, string> {
    const value = this.state.get<unknown>(REMEMBERED_INSTANCES_KEY);
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  }
}

function reasonText(reason: NotOfferedReason): string {
  switch (reason) {
    case 'notRunning':
      return vscode.l10n.t('not running');
    case 'notLinux':
      return vscode.l10n.t('not a Linux instance');
    case 'agentOffline':
      return vscode.l10n.t('Cloud Assistant is not online');
  }
}

function detailOf(instance: EcsInstance): string {
  return [instance.instanceType, instance.osName].filter((s) => s !== undefined && s !== '').join(' · ');
}

/** undefined when the user picks none; the caller has said nothing yet when the zone has no usable instance. */
export async function pickVerificationInstance(
  input: UserInput,
  ecs: EcsApi,
  place: { regionId: string; zoneId: string; drillId: string },
  preferredId: string | undefined,
  signal: AbortSignal,
): Promise<VerificationInstanceChoice | 'none' | undefined> {
  const { offered, notOffered } = await verificationCandidates(ecs, place.regionId, place.zoneId, preferredId, { signal });
  if (offered.length === 0) {
    const others = notOffered.map(({ instance, reason }) => `${instance.name || instance.instanceId} (${instance.instanceId}): ${reasonText(reason)}`);
    const detail = others.length === 0 ? vscode.l10n.t('There is no ECS instance in zone {0}.', place.zoneId) : others.join('; ');
    void input.notify(
      'warning',
      vscode.l10n.t('No instance can verify drill {0}: Verify Drill needs a running Linux ECS instance with Cloud Assistant online in zone {1}, where the drill disk is. {2}', place.drillId, place.zoneId, detail),
    );
    return 'none';
  }
  const lastUsed = vscode.l10n.t('last used');
  const items = [
    ...offered.map((instance) => ({
      label: `$(vm) ${instance.name || instance.instanceId}`,
      description: instance.instanceId === preferredId ? `${instance.instanceId} · ${lastUsed}` : instance.instanceId,
      detail: detailOf(instance),
      value: instance,
    })),
    ...notOffered.map(({ instance, reason }) => ({
      label: instance.name || instance.instanceId,
      description: instance.instanceId,
      detail: reasonText(reason),
      value: instance,
      disabledReason: vscode.l10n.t('{0} cannot verify drill disks: {1}.', instance.name || instance.instanceId, reasonText(reason)),
    })),
  ];
  const picked = await input.pickOne(items, {
    title: vscode.l10n.t('Verify Drill {0}: verification instance in {1}', place.drillId, place.zoneId),
    placeholder: vscode.l10n.t('The drill disk is attached to this instance, checked read-only, and detached again'),
    matchOnDescription: true,
  });
  if (picked === undefined || picked === BACK) return undefined;
  return { instanceId: picked.instanceId, name: picked.name || undefined, zoneId: picked.zoneId };
}
