// ECS instance metadata (the part @alicloud/credentials' EcsRamRole provider reads): IMDSv2 tokens and the RAM role
// credentials of the scenario's InstanceRamRole. Plain text and JSON, no signature, like 100.100.100.200 itself.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './state';
import { utcSeconds } from './state';

export const METADATA_PREFIX = '/latest/';
const TOKEN_PATH = '/latest/api/token';
const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/';
/** Lifetime of instance role credentials (6 hours); a new set is issued once less than half of it is left. */
export const INSTANCE_CREDENTIALS_SECONDS = 21600;
const MAX_TOKEN_TTL_SECONDS = 21600;

function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export class InstanceMetadata {
  /** IMDSv2 tokens and the emulator time (ms) they expire at. */
  private readonly tokens = new Map<string, number>();

  clear(): void {
    this.tokens.clear();
  }

  /** Answers one metadata request; returns the HTTP status sent. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, state: EmulatorState, nowMs: number): number {
    const method = (req.method ?? 'GET').toUpperCase();
    if (path === TOKEN_PATH) {
      if (method !== 'PUT') return this.reply(res, 405, 'Method Not Allowed');
      const ttl = Number(req.headers['x-aliyun-ecs-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) return this.reply(res, 400, 'Bad Request');
      const token = randomBytes(32).toString('base64url');
      this.tokens.set(token, nowMs + ttl * 1000);
      return this.reply(res, 200, token);
    }
    if (method !== 'GET') return this.reply(res, 405, 'Method Not Allowed');
    const token = req.headers['x-aliyun-ecs-metadata-token'];
    if (typeof token === 'string') {
      const expires = this.tokens.get(token);
      if (expires === undefined || nowMs >= expires) return this.reply(res, 401, 'Unauthorized');
    }
    const role = state.instanceRamRole;
    if (path === CREDENTIALS_PATH) return role ? this.reply(res, 200, role.RoleName) : this.reply(res, 404, '404 - Not Found');
    if (!path.startsWith(CREDENTIALS_PATH) || !role || path.slice(CREDENTIALS_PATH.length) !== role.RoleName) return this.reply(res, 404, '404 - Not Found');
    const key = state.instanceSession(nowMs, INSTANCE_CREDENTIALS_SECONDS);
    const body = {
      AccessKeyId: key.AccessKeyId,
      AccessKeySecret: key.AccessKeySecret,
      Expiration: key.Session?.Expiration,
      SecurityToken: key.SecurityTokens[0],
      LastUpdated: utcSeconds(key.Session ? key.Session.ExpiresAtMs - INSTANCE_CREDENTIALS_SECONDS * 1000 : nowMs),
      Code: 'Success',
    };
    sendText(res, 200, JSON.stringify(body), 'text/plain');
    return 200;
  }

  private reply(res: ServerResponse, status: number, text: string): number {
    sendText(res, status, text);
    return status;
  }
}
