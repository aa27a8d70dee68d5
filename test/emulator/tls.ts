// A throw-away self-signed certificate for the emulator's HTTPS listener (tests only): made with the `openssl`
// command line, valid for one day, for IP 127.0.0.1 and DNS localhost. Trust it in the test process only (see README).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate (self-signed: it is also the CA to trust). */
  cert: string;
  certFile: string;
  keyFile: string;
  /** The folder holding both files. */
  dir: string;
}

/** Makes a self-signed certificate in `dir` (default: a new temporary folder). Needs `openssl` on the PATH. */
export function createTestCertificate(dir?: string): TestCertificate {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'ebs-emulator-tls-'));
  const keyFile = join(folder, 'emulator-key.pem');
  const certFile = join(folder, 'emulator-cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile, keyFile, dir: folder };
}
