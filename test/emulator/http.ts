// Small HTTP helpers: JSON answers, bounded body reading, request ids.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recommendUrl } from './errors';
import { jsonBytes } from './listingCache';

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';
export const MAX_BODY_BYTES = 1024 * 1024;

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError(`The request body exceeds ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    });
  });
}

export function sendJson(res: ServerResponse, status: number, body: object, requestId?: string): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = jsonBytes(body);
  const headers: Record<string, string | number> = { 'content-type': JSON_CONTENT_TYPE, 'content-length': bytes.length };
  if (requestId) headers['x-acs-request-id'] = requestId;
  res.writeHead(status, headers);
  res.end(bytes);
}

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export function errorBody(requestId: string, hostId: string, code: string, message: string, product = 'Ebs'): ErrorBody {
  return { RequestId: requestId, HostId: hostId, Code: code, Message: message, Recommend: recommendUrl(code, requestId, product) };
}

/** A complete raw HTTP error answer, for sockets that never became a request (malformed HTTP). */
export function rawJsonError(status: number, code: string, message: string): string {
  const requestId = newRequestId();
  const text = JSON.stringify(errorBody(requestId, 'ebs.aliyuncs.com', code, message));
  return `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: ${JSON_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(text)}\r\nx-acs-request-id: ${requestId}\r\nconnection: close\r\n\r\n${text}`;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
