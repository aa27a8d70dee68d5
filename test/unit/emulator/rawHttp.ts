// Raw HTTP requests to the emulator, signed by hand (for test vectors, tampering, replay and garbage input).
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, hashPayload } from '../../emulator/signature/acs3';
import { rpcV1Signature, rpcV1StringToSign } from '../../emulator/signature/rpcV1';
import { parsePairs } from '../../emulator/encoding';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function raw(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, method: req.method ?? 'POST', path: req.path, headers: req.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // not JSON; callers check `text`
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

export function isoNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Acs3Options {
  accessKeyId: string;
  secret: string;
  host: string;
  action: string;
  rawQuery: string;
  date?: string;
  nonce?: string;
  version?: string;
  method?: string;
  body?: string;
  contentType?: string;
  extraHeaders?: Record<string, string>;
}

/** Builds an ACS3-HMAC-SHA256 request the way the SDK does. */
export function signAcs3(o: Acs3Options): RawRequest {
  const body = o.body ?? '';
  const headers: Record<string, string> = {
    host: o.host,
    'x-acs-version': o.version ?? '2021-07-30',
    'x-acs-action': o.action,
    'x-acs-date': o.date ?? isoNow(),
    'x-acs-signature-nonce': o.nonce ?? randomBytes(16).toString('hex'),
    'x-acs-content-sha256': hashPayload(body),
    'x-acs-credentials-provider': 'static_ak',
    ...(o.contentType ? { 'content-type': o.contentType } : {}),
    ...(o.extraHeaders ?? {}),
  };
  const signedHeaders = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const canonical = acs3CanonicalRequest({ method: o.method ?? 'POST', path: '/', rawQuery: o.rawQuery, headers, signedHeaders, hashedPayload: hashPayload(body) });
  const signature = acs3Signature(acs3StringToSign(canonical), o.secret);
  return {
    method: o.method ?? 'POST',
    path: o.rawQuery ? `/?${o.rawQuery}` : '/',
    headers: { ...headers, accept: 'application/json', Authorization: `ACS3-HMAC-SHA256 Credential=${o.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}` },
    body,
  };
}

export interface V1Options {
  accessKeyId: string;
  secret: string;
  host: string;
  action: string;
  params: Record<string, string>;
  timestamp?: string;
  nonce?: string;
  version?: string;
}

/** Builds a legacy v1 HMAC-SHA1 request (all parameters in the query). */
export function signV1(o: V1Options): RawRequest {
  const params: Record<string, string> = {
    Action: o.action,
    Format: 'json',
    Version: o.version ?? '2021-07-30',
    Timestamp: o.timestamp ?? isoNow(),
    SignatureNonce: o.nonce ?? randomBytes(16).toString('hex'),
    ...o.params,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    AccessKeyId: o.accessKeyId,
  };
  const signature = rpcV1Signature(rpcV1StringToSign('POST', Object.entries(params)), o.secret);
  const query = [...Object.entries(params), ['Signature', signature]].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { method: 'POST', path: `/?${query}`, headers: { host: o.host } };
}

/** Replaces the value of one query parameter in a raw request path. */
export function withQueryValue(path: string, key: string, value: string): string {
  const [p, q = ''] = path.split('?');
  const pairs = parsePairs(q).map(([k, v]) => [k, k === key ? value : v]);
  return `${p}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}
