// Endpoint resolution: the API's default (`https://ebs.{regionId}.aliyuncs.com` for EBS; ECS's in src/ecs/endpoint.ts),
// or a setting of the same form (`ebsDr.endpointTemplate`, `ebsDr.ecsEndpointTemplate`). Plain http only for loopback
// hosts.

import { isIP } from 'node:net';
import { EbsError, LocalErrorCode } from './errors';

export const DEFAULT_ENDPOINT_TEMPLATE = 'https://ebs.{regionId}.aliyuncs.com';

/** A template, or a template per region (an API whose documented endpoints are not all of one form). */
export type DefaultEndpointTemplate = string | ((regionId: string) => string);

export interface ResolvedEndpoint {
  protocol: 'https' | 'http';
  /** `host[:port]` exactly as the SDK wants it in `config.endpoint` (no scheme). */
  endpoint: string;
  /** `protocol://endpoint`, also the cache key for SDK clients. */
  url: string;
}

const REGION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function configError(message: string): EbsError {
  return new EbsError({ code: LocalErrorCode.ConfigurationError, message, retryable: false });
}

/** 127.0.0.0/8, ::1, localhost and *.localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 4) return host.startsWith('127.');
  if (family === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

/**
 * The template with whatever stands before an `@` in its authority masked: `https://user:password@host` →
 * `https://***@host`, also without a scheme (`user:password@host`). For messages; the template is never used so.
 */
export function withoutCredentials(template: string): string {
  return template.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/|)([^/?#]*)@/i, (_whole, scheme: string) => `${scheme}***@`);
}

export function isValidRegionId(regionId: string): boolean {
  return REGION_ID.test(regionId) && regionId.length <= 64;
}

/**
 * Substitutes `{regionId}` into the template (empty/undefined → `defaultTemplate`, EBS's unless given) and validates
 * the result. Throws EbsError `ConfigurationError` with a message naming the problem.
 */
export function resolveEndpoint(regionId: string, template?: string, defaultTemplate: DefaultEndpointTemplate = DEFAULT_ENDPOINT_TEMPLATE): ResolvedEndpoint {
  if (!isValidRegionId(regionId)) throw configError(`"${regionId}" is not a valid region ID.`);
  const fallback = typeof defaultTemplate === 'function' ? defaultTemplate(regionId) : defaultTemplate;
  const raw = template === undefined || template.trim() === '' ? fallback : template.trim();
  const substituted = raw.split('{regionId}').join(regionId);
  // Every message below quotes the template with any user name and password masked.
  const source = withoutCredentials(raw);
  if (/[{}]/.test(substituted)) {
    throw configError(`The endpoint template "${source}" has an unknown placeholder; only {regionId} is supported.`);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(substituted)) {
    throw configError(`The endpoint template "${source}" must start with https:// (or http:// for localhost).`);
  }
  let url: URL;
  try {
    url = new URL(substituted);
  } catch {
    throw configError(`The endpoint template "${source}" is not a valid URL.`);
  }
  const protocol = url.protocol.replace(/:$/, '').toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') {
    throw configError(`The endpoint template "${source}" uses ${protocol}; only https (or http for localhost) is allowed.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw configError(`The endpoint template "${source}" must not contain a user name or password.`);
  }
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw configError(`The endpoint template "${source}" must be a scheme and host (and port) only, without a path or query.`);
  }
  if (url.hostname === '') throw configError(`The endpoint template "${source}" has no host.`);
  if (protocol === 'http' && !isLoopbackHost(url.hostname)) {
    throw configError(`Plain http is only allowed for localhost; use https for "${url.host}".`);
  }
  const endpoint = url.host; // includes a non-default port and IPv6 brackets
  return { protocol, endpoint, url: `${protocol}://${endpoint}` };
}
