// Built-in region catalogue: the regions with an EBS endpoint (docs/ebs-api.md, Operations) and their zones.
// Zones the product's restrictions page (December 2024) lists as supporting async replication carry the resource type `ear`.
import type { Region } from './types';

type Row = [regionId: string, localName: string, earZones: string, otherZones: string];

const ROWS: Row[] = [
  ['cn-qingdao', 'China (Qingdao)', '', 'b,c'],
  ['cn-beijing', 'China (Beijing)', 'f,g,h,j', 'i,k,l'],
  ['cn-zhangjiakou', 'China (Zhangjiakou)', 'a', 'b,c'],
  ['cn-huhehaote', 'China (Hohhot)', '', 'a,b'],
  ['cn-wulanchabu', 'China (Ulanqab)', '', 'a,b,c'],
  ['cn-hangzhou', 'China (Hangzhou)', 'g,h,i,k', 'j,b'],
  ['cn-shanghai', 'China (Shanghai)', 'b,e,f,g,l', 'm,n'],
  ['cn-nanjing', 'China (Nanjing - Local Region)', '', 'a'],
  ['cn-fuzhou', 'China (Fuzhou - Local Region)', '', 'a'],
  ['cn-shenzhen', 'China (Shenzhen)', 'd,e', 'f'],
  ['cn-heyuan', 'China (Heyuan)', 'a,b', ''],
  ['cn-guangzhou', 'China (Guangzhou)', '', 'a,b'],
  ['cn-chengdu', 'China (Chengdu)', 'a,b', ''],
  ['cn-hongkong', 'China (Hong Kong)', 'b,c', 'd'],
  ['ap-northeast-1', 'Japan (Tokyo)', '', 'a,b'],
  ['ap-northeast-2', 'South Korea (Seoul)', '', 'a'],
  ['ap-southeast-1', 'Singapore', 'b,c', 'a'],
  ['ap-southeast-2', 'Australia (Sydney)', '', 'a,b'],
  ['ap-southeast-3', 'Malaysia (Kuala Lumpur)', '', 'a,b'],
  ['ap-southeast-5', 'Indonesia (Jakarta)', 'a,b', 'c'],
  ['ap-southeast-6', 'Philippines (Manila)', '', 'a'],
  ['ap-southeast-7', 'Thailand (Bangkok)', '', 'a'],
  ['us-east-1', 'US (Virginia)', 'a,b', ''],
  ['us-west-1', 'US (Silicon Valley)', 'a,b', ''],
  ['eu-west-1', 'UK (London)', '', 'a,b'],
  ['eu-central-1', 'Germany (Frankfurt)', '', 'a,b'],
  ['me-central-1', 'SAU (Riyadh - Partner Region)', 'a,b', ''],
  ['cn-shanghai-finance-1', 'China East 2 Finance', 'g,k', ''],
  ['cn-beijing-finance-1', 'China North 2 Finance (Preview)', 'k,l', ''],
  ['cn-shenzhen-finance-1', 'China South 1 Finance', '', 'd'],
  ['cn-hangzhou-finance', 'China East 1 Finance', '', 'b'],
];

function zoneName(regionName: string, letter: string): string {
  const city = /\(([^)-]+?)(?: - [^)]*)?\)/.exec(regionName)?.[1] ?? regionName;
  return `${city} Zone ${letter.toUpperCase()}`;
}

/** A fresh copy of the built-in catalogue. */
export function builtInRegions(): Region[] {
  return ROWS.map(([regionId, localName, ear, other]) => {
    const letters = (s: string): string[] => (s ? s.split(',') : []);
    const zones = [
      ...letters(ear).map((l) => ({ l, types: ['ear', 'lens'] })),
      ...letters(other).map((l) => ({ l, types: ['lens'] })),
    ].sort((a, b) => (a.l < b.l ? -1 : 1));
    return {
      RegionId: regionId,
      LocalName: localName,
      RegionEndpoint: `ebs.${regionId}.aliyuncs.com`,
      Zones: zones.map(({ l, types }) => ({ ZoneId: `${regionId}-${l}`, LocalName: zoneName(localName, l), ResourceTypes: types })),
    };
  });
}
