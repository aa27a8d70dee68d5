// DescribeRegions (not paginated).
import { REGION_ID_PATTERN } from '../scenario';
import type { Operation } from './types';

export const describeRegions: Operation = {
  action: 'DescribeRegions',
  params: [
    { name: 'RegionId', format: REGION_ID_PATTERN, maxLength: 64 },
    { name: 'ResourceType', oneOf: ['ear', 'lens', 'dbsc'] },
    { name: 'AcceptLanguage', oneOf: ['zh-CN', 'en-US', 'ja'] },
  ],
  handle({ params, state }) {
    const type = params.str('ResourceType');
    const regions = state.regions
      .map((r) => ({ ...r, Zones: r.Zones.filter((z) => type === undefined || z.ResourceTypes.includes(type)).map((z) => ({ ...z, ResourceTypes: [...z.ResourceTypes] })) }))
      .filter((r) => type === undefined || r.Zones.length > 0);
    return { Regions: regions };
  },
};
