import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TcpCheck } from '@neo/domain-check';
import { describeError } from './describe-error';
import type { NetworkPolicy } from './network-policy';
import type { Observation } from './observation';
import { resolveAddress } from './resolve-address';

/** Opens a TCP connection and closes it at once (blackbox_exporter's tcp prober without query/response). */
export async function tcpProbe(
  check: TcpCheck,
  signal: AbortSignal,
  policy: NetworkPolicy,
): Promise<Observation> {
  const started = performance.now();
  try {
    const resolved = await resolveAddress(check.host, check.ipFamily, policy);
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: resolved.address, port: check.port, family: resolved.family });
      const onAbort = (): void => {
        socket.destroy();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('connect', () => {
        signal.removeEventListener('abort', onAbort);
        socket.destroy();
        resolve();
      });
      socket.once('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
    });
    return { durationMs: performance.now() - started, connected: true, ip: resolved.address };
  } catch (error) {
    return {
      durationMs: performance.now() - started,
      connected: false,
      failure: describeError(error, signal),
    };
  }
}
