import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { TLSSocket } from 'node:tls';
import type { IpFamily } from '@neo/domain-check';
import type { NetworkPolicy } from './network-policy';
import { earliestExpiryMs } from './peer-certificates';
import { resolveAddress } from './resolve-address';
import type { PhasesMs } from './observation';

export interface HopRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly tlsVerify: boolean;
  readonly ipFamily: IpFamily;
  readonly signal: AbortSignal;
  readonly policy: NetworkPolicy;
  /** Bytes of body kept for conditions; the rest is read and discarded (the transfer still counts). */
  readonly maxBodyBytes: number;
}

export interface HopResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly phases: PhasesMs;
  readonly address: string;
  readonly certificateExpiresAtMs?: number;
}

/**
 * One HTTP request on a fresh connection with blackbox_exporter's phases, taken from socket events: resolve (our
 * own lookup), connect (TCP), tls (handshake), processing (request written until the first response byte) and
 * transfer (first byte until the body ends).
 */
export async function timedHttpRequest(hop: HopRequest): Promise<HopResponse> {
  const t0 = performance.now();
  const secure = hop.url.protocol === 'https:';
  const resolved = await resolveAddress(hop.url.hostname, hop.ipFamily, hop.policy);
  const tResolved = performance.now();
  const marks: { connect?: number; tls?: number; firstByte?: number; end?: number } = {};
  let certificateExpiresAtMs: number | undefined;

  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const options = {
      host: resolved.address,
      family: resolved.family,
      port: hop.url.port || (secure ? 443 : 80),
      path: `${hop.url.pathname}${hop.url.search}`,
      method: hop.method,
      headers: { host: hop.url.host, ...hop.headers },
      agent: false as const,
      signal: hop.signal,
      ...(secure
        ? {
            servername: /^[\d.:[\]]+$/.test(hop.url.hostname) ? undefined : hop.url.hostname,
            rejectUnauthorized: hop.tlsVerify,
          }
        : {}),
    };
    const req = (secure ? httpsRequest : httpRequest)(options, resolve);
    req.once('error', reject);
    req.once('socket', (socket) => {
      socket.once('connect', () => (marks.connect = performance.now()));
      socket.once('secureConnect', () => {
        marks.tls = performance.now();
        certificateExpiresAtMs = earliestExpiryMs(socket as TLSSocket);
      });
    });
    req.end(hop.body);
  });
  marks.firstByte = performance.now();
  const body = await readBody(response, hop.maxBodyBytes);
  marks.end = performance.now();

  const connected = marks.connect ?? tResolved;
  const handshaken = marks.tls ?? connected;
  return {
    statusCode: response.statusCode ?? 0,
    headers: flattenHeaders(response.headers),
    body,
    address: resolved.address,
    phases: {
      resolve: tResolved - t0,
      connect: connected - tResolved,
      tls: handshaken - connected,
      processing: marks.firstByte - handshaken,
      transfer: marks.end - marks.firstByte,
    },
    ...(certificateExpiresAtMs !== undefined ? { certificateExpiresAtMs } : {}),
  };
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    response.on('data', (chunk: Buffer) => {
      if (kept < maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - kept));
        kept += Math.min(chunk.length, maxBytes - kept);
      }
    });
    response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.once('error', reject);
    response.once('aborted', () => reject(new Error('response aborted')));
  });
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
