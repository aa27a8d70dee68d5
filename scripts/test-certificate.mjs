// A throw-away self-signed TLS certificate for the tests (the emulator serves STS over HTTPS, the only protocol
// @alicloud/credentials speaks to STS). The test processes trust it through NODE_EXTRA_CA_CERTS, which Node reads
// at start-up, so it must exist before mocha or code-server starts; product code never disables TLS verification.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment that makes a child process trust the certificate: EBS_DR_TEST_TLS_DIR (key.pem, cert.pem) and NODE_EXTRA_CA_CERTS. */
export function testCertificateEnv() {
  const existing = process.env.EBS_DR_TEST_TLS_DIR;
  if (existing && existsSync(join(existing, 'cert.pem')) && existsSync(join(existing, 'key.pem'))) {
    return { EBS_DR_TEST_TLS_DIR: existing, NODE_EXTRA_CA_CERTS: join(existing, 'cert.pem') };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ebs-dr-tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  return { EBS_DR_TEST_TLS_DIR: dir, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') };
}

/** Never reach a real ECS instance metadata service (100.100.100.200) from a test, whatever profile is active. */
export const SAFE_TEST_ENV = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
