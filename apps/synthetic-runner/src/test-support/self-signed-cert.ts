import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCert {
  readonly key: string;
  readonly cert: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** notAfter as epoch ms, read back from the certificate. */
  readonly expiresAtMs: number;
}

/** A self-signed P-256 certificate for localhost/127.0.0.1 valid `days` days, made by the openssl CLI. */
export function selfSignedCert(days: number): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'neo-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      String(days),
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  const cert = readFileSync(certPath, 'utf8');
  return {
    key: readFileSync(keyPath, 'utf8'),
    cert,
    certPath,
    keyPath,
    expiresAtMs: Date.parse(new X509Certificate(cert).validTo),
  };
}
