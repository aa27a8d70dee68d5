// Which ECS instances may verify a drill disk: running Linux instances in the disk's zone whose Cloud Assistant is
// online. The others in the zone are named with the reason, so the picker can say why an instance is missing. Pure.
import type { CallOptions } from '../ebs/transport';
import type { EcsApi, EcsInstance } from '../ecs/types';

export type NotOfferedReason = 'notRunning' | 'notLinux' | 'agentOffline';

export interface InstanceCandidates {
  offered: EcsInstance[];
  notOffered: { instance: EcsInstance; reason: NotOfferedReason }[];
}

/**
 * The zone's instances sorted by name, split into those offered and those not. `preferredId` (the instance the user
 * chose last time for this profile and zone) comes first when it is still offered.
 */
export async function verificationCandidates(ecs: EcsApi, regionId: string, zoneId: string, preferredId?: string, options: CallOptions = {}): Promise<InstanceCandidates> {
  // The zone filter is the service's; checking it again costs nothing and guards against one ignored.
  const inZone = (await ecs.describeInstances(regionId, { ...options, zoneId })).filter((i) => i.zoneId === zoneId);
  const notOffered: InstanceCandidates['notOffered'] = [];
  const maybe: EcsInstance[] = [];
  for (const instance of inZone) {
    if (instance.status !== 'Running') notOffered.push({ instance, reason: 'notRunning' });
    else if (instance.osType.toLowerCase() !== 'linux') notOffered.push({ instance, reason: 'notLinux' });
    else maybe.push(instance);
  }
  const online = new Set<string>();
  if (maybe.length > 0) {
    for (const status of await ecs.describeCloudAssistantStatus(regionId, maybe.map((i) => i.instanceId), options)) {
      if (status.online) online.add(status.instanceId);
    }
  }
  const offered: EcsInstance[] = [];
  for (const instance of maybe) {
    if (online.has(instance.instanceId)) offered.push(instance);
    else notOffered.push({ instance, reason: 'agentOffline' });
  }
  const byName = (a: EcsInstance, b: EcsInstance): number => (a.name || a.instanceId).localeCompare(b.name || b.instanceId) || a.instanceId.localeCompare(b.instanceId);
  offered.sort((a, b) => (a.instanceId === preferredId ? -1 : b.instanceId === preferredId ? 1 : byName(a, b)));
  notOffered.sort((a, b) => byName(a.instance, b.instance));
  return { offered, notOffered };
}
