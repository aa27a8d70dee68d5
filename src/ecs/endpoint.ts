// The ECS 2014-05-26 API as the transport speaks it: its version, its RAM namespace and its default endpoint, which is
// `https://ecs.{regionId}.aliyuncs.com` except for the regions the service's own SDKs map to another host
// (docs/ecs-api.md, section Endpoints). A template set in `ebsDr.ecsEndpointTemplate` is used as it is, for every region.

import { ApiSpec } from '../ebs/transport';

export const ECS_API_VERSION = '2014-05-26';
export const DEFAULT_ECS_ENDPOINT_TEMPLATE = 'https://ecs.{regionId}.aliyuncs.com';

/** The documented exceptions to `ecs.{regionId}.aliyuncs.com` (public, finance and government regions only). */
export const ECS_REGION_HOSTS: Readonly<Record<string, string>> = Object.freeze({
  'cn-hangzhou': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-shanghai-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-shenzhen-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-hangzhou-finance': 'ecs.aliyuncs.com',
  'cn-beijing-finance-1': 'ecs.aliyuncs.com',
  'cn-north-2-gov-1': 'ecs.aliyuncs.com',
  'cn-beijing-gov-1': 'ecs.aliyuncs.com',
});

/** The default template for one region: its mapped host, or `https://ecs.{regionId}.aliyuncs.com`. */
export function ecsDefaultEndpointTemplate(regionId: string): string {
  const host = Object.prototype.hasOwnProperty.call(ECS_REGION_HOSTS, regionId) ? ECS_REGION_HOSTS[regionId] : undefined;
  return host !== undefined ? `https://${host}` : DEFAULT_ECS_ENDPOINT_TEMPLATE;
}

export const ECS_API: Readonly<ApiSpec> = Object.freeze({
  name: 'ECS',
  ramNamespace: 'ecs',
  version: ECS_API_VERSION,
  defaultEndpointTemplate: ecsDefaultEndpointTemplate,
});
