// The EBS console's detail pages of pairs and groups (Open in Console). Pure.

/**
 * The EBS console's detail pages (routes as used by public console-link catalogues; the console has no documented
 * deep-link scheme): async replication pairs live under "dataProtection", replica (consistency) groups under
 * "consistencyGroup", both per region.
 */
export const CONSOLE_BASE = 'https://ebs.console.aliyun.com';

export function pairConsoleUrl(regionId: string, pairId: string): string {
  return `${CONSOLE_BASE}/dataProtection/${encodeURIComponent(regionId)}/${encodeURIComponent(pairId)}`;
}

export function groupConsoleUrl(regionId: string, groupId: string): string {
  return `${CONSOLE_BASE}/consistencyGroup/${encodeURIComponent(regionId)}/${encodeURIComponent(groupId)}`;
}
