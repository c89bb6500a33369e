import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

/**
 * The earliest `valid_to` in the chain the peer presented (blackbox_exporter's probe_ssl_earliest_cert_expiry),
 * as epoch ms; undefined without a certificate.
 */
export function earliestExpiryMs(socket: TLSSocket): number | undefined {
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  let earliest: number | undefined;
  const seen = new Set<string>();
  while (cert && cert.valid_to && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    const expiry = Date.parse(cert.valid_to);
    if (!Number.isNaN(expiry) && (earliest === undefined || expiry < earliest)) earliest = expiry;
    cert = cert.issuerCertificate;
  }
  return earliest;
}
