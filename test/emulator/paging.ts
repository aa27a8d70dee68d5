// NextToken/MaxResults and PageNumber/PageSize paging with the documented limits (docs/ebs-api.md, Paging).
import { createHash } from 'node:crypto';
import { invalidParameter } from './errors';
import type { Params } from './params';

export interface PageFields {
  NextToken: string;
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
}

function scopeHash(scope: string): string {
  return createHash('sha256').update(scope).digest('hex').slice(0, 12);
}

function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scopeHash(scope), o: offset })).toString('base64url');
}

function decodeToken(token: string, scope: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const { s, o } = parsed as { s?: unknown; o?: unknown };
      if (s === scopeHash(scope) && typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
    }
  } catch {
    // fall through
  }
  throw invalidParameter('NextToken', 'The token is invalid or belongs to another query.');
}

/**
 * Token mode when NextToken or MaxResults is given (or neither paging parameter is): MaxResults 1–500, default 10;
 * the last page has an empty NextToken. Page mode when only PageNumber/PageSize are given: PageSize 1–100, default 10.
 * `scope` binds a NextToken to the query that produced it.
 */
export function paginate<T>(items: readonly T[], params: Params, scope: string): { page: T[]; offset: number; fields: PageFields } {
  const total = items.length;
  const token = params.str('NextToken');
  const tokenMode = token !== undefined || params.has('MaxResults') || (!params.has('PageNumber') && !params.has('PageSize'));
  if (tokenMode) {
    const limit = params.int('MaxResults') ?? 10;
    const offset = token === undefined ? 0 : Math.min(decodeToken(token, scope), total);
    const end = Math.min(offset + limit, total);
    return {
      page: items.slice(offset, end),
      offset,
      fields: { NextToken: end < total ? encodeToken(scope, end) : '', PageNumber: Math.floor(offset / limit) + 1, PageSize: limit, TotalCount: total },
    };
  }
  const size = params.int('PageSize') ?? 10;
  const number = params.int('PageNumber') ?? 1;
  const offset = (number - 1) * size;
  return { page: items.slice(offset, offset + size), offset, fields: { NextToken: '', PageNumber: number, PageSize: size, TotalCount: total } };
}

/** NextToken paging only (ECS): `limit` items from the token's offset; the last page has an empty NextToken. */
export function tokenPage<T>(items: readonly T[], limit: number, token: string | undefined, scope: string): { page: T[]; NextToken: string; PageNumber: number } {
  const offset = token === undefined ? 0 : Math.min(decodeToken(token, scope), items.length);
  const end = Math.min(offset + limit, items.length);
  return { page: items.slice(offset, end), NextToken: end < items.length ? encodeToken(scope, end) : '', PageNumber: Math.floor(offset / limit) + 1 };
}
