// Generator for big scenarios (paging tests, benchmarks): N regions × M pairs per region.
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from './demoAccount';
import { builtInRegions } from './regionCatalog';
import type { PairStatus, Region, Scenario, ScenarioGroup, ScenarioPair } from './types';

export interface GenerateOptions {
  /** Number of regions (built-in catalogue first, then synthetic `xx-gen-N`). Default 3. */
  regions?: number;
  /** Pairs whose source is each region (destination: the next region, round-robin). Default 100. */
  pairsPerRegion?: number;
  /** Groups per region; the first pairs of each region are spread over them (at most 17 per group). Default 0. */
  groupsPerRegion?: number;
  /** Status of every generated pair, or a list used round-robin. Default 'normal'. */
  statuses?: PairStatus | PairStatus[];
  /** Fixed CreateTime (Unix seconds). Default 2025-06-01. */
  createTime?: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function generateScenario(options: GenerateOptions = {}): Scenario {
  const regionCount = Math.max(1, options.regions ?? 3);
  const perRegion = Math.max(0, options.pairsPerRegion ?? 100);
  const groupsPerRegion = Math.max(0, options.groupsPerRegion ?? 0);
  const statuses = Array.isArray(options.statuses) ? options.statuses : [options.statuses ?? 'normal'];
  const createTime = options.createTime ?? 1748736000;
  const catalogue = builtInRegions();
  const regions: Region[] = [];
  for (let i = 0; i < regionCount; i++) {
    regions.push(
      catalogue[i] ?? {
        RegionId: `xx-gen-${i}`,
        LocalName: `Generated ${i}`,
        RegionEndpoint: `ebs.xx-gen-${i}.aliyuncs.com`,
        Zones: [{ ZoneId: `xx-gen-${i}-a`, LocalName: `Generated ${i} Zone A`, ResourceTypes: ['ear'] }],
      },
    );
  }
  const zoneOf = (r: Region): string => r.Zones.find((z) => z.ResourceTypes.includes('ear'))?.ZoneId ?? r.Zones[0]?.ZoneId ?? `${r.RegionId}-a`;
  const pairs: ScenarioPair[] = [];
  const groups: ScenarioGroup[] = [];
  regions.forEach((src, ri) => {
    const dst = regions[(ri + 1) % regions.length];
    const groupIds: string[] = [];
    for (let g = 0; g < groupsPerRegion; g++) {
      const id = `pg-gen-r${pad(ri, 3)}-g${pad(g, 3)}`;
      groupIds.push(id);
      groups.push({ ReplicaGroupId: id, GroupName: `gen-${src.RegionId}-${g}`, Status: 'normal', SourceRegionId: src.RegionId, DestinationRegionId: dst.RegionId, SourceZoneId: zoneOf(src), DestinationZoneId: zoneOf(dst) });
    }
    for (let j = 0; j < perRegion; j++) {
      const pair: ScenarioPair = {
        ReplicaPairId: `pair-gen-r${pad(ri, 3)}-${pad(j, 6)}`,
        PairName: `gen-${src.RegionId}-${j}`,
        Status: statuses[(ri * perRegion + j) % statuses.length],
        SourceRegion: src.RegionId,
        SourceZoneId: zoneOf(src),
        DestinationRegion: dst.RegionId,
        DestinationZoneId: zoneOf(dst),
        CreateTime: createTime,
      };
      const g = Math.floor(j / 17);
      if (g < groupIds.length) pair.ReplicaGroupId = groupIds[g];
      pairs.push(pair);
    }
  });
  return {
    Accounts: [{ AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET }],
    Regions: regions,
    ReplicaPairs: pairs,
    ReplicaGroups: groups,
  };
}
