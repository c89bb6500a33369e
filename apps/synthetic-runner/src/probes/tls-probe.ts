import { performance } from 'node:perf_hooks';
import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { TlsCheck } from '@neo/domain-check';
import { describeError } from './describe-error';
import type { NetworkPolicy } from './network-policy';
import type { Observation } from './observation';
import { earliestExpiryMs } from './peer-certificates';
import { resolveAddress } from './resolve-address';

/** Completes a TLS handshake with host:port and reads the certificate chain's earliest expiry. */
export async function tlsProbe(
  check: TlsCheck,
  signal: AbortSignal,
  policy: NetworkPolicy,
): Promise<Observation> {
  const started = performance.now();
  try {
    const resolved = await resolveAddress(check.host, 'any', policy);
    const serverName = check.serverName ?? (isIP(check.host) === 0 ? check.host : undefined);
    const expiry = await new Promise<number | undefined>((resolve, reject) => {
      const socket = connect({
        host: resolved.address,
        port: check.port,
        ...(serverName !== undefined ? { servername: serverName } : {}),
        rejectUnauthorized: check.tlsVerify,
      });
      const onAbort = (): void => {
        socket.destroy();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('secureConnect', () => {
        signal.removeEventListener('abort', onAbort);
        const earliest = earliestExpiryMs(socket);
        socket.destroy();
        resolve(earliest);
      });
      socket.once('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
    });
    return {
      durationMs: performance.now() - started,
      connected: true,
      ip: resolved.address,
      ...(expiry !== undefined ? { certificateExpiresAtMs: expiry } : {}),
    };
  } catch (error) {
    return {
      durationMs: performance.now() - started,
      connected: false,
      failure: describeError(error, signal),
    };
  }
}
