// Sample domain records shared by the unit tests (views, drills).
import type { ReplicaPair } from '../../../src/ebs/types';

export const NOW = new Date('2026-01-01T00:00:00Z');
export const ago = (seconds: number): Date => new Date(NOW.getTime() - seconds * 1000);

export function samplePair(overrides: Partial<ReplicaPair> = {}): ReplicaPair {
  return {
    pairId: 'pair-cn-1',
    name: 'web-01',
    description: '',
    status: 'normal',
    sourceRegionId: 'cn-hangzhou',
    sourceZoneId: 'cn-hangzhou-h',
    sourceDiskId: 'd-src',
    destinationRegionId: 'cn-shanghai',
    destinationZoneId: 'cn-shanghai-e',
    destinationDiskId: 'd-dst',
    primaryRegionId: 'cn-hangzhou',
    primaryZoneId: 'cn-hangzhou-h',
    standbyRegionId: 'cn-shanghai',
    standbyZoneId: 'cn-shanghai-e',
    rpoSeconds: 900,
    bandwidthKbps: 10240,
    lastRecoverPoint: ago(240).getTime(),
    chargeType: 'PREPAY',
    site: 'production',
    tags: [],
    ...overrides,
  };
}
