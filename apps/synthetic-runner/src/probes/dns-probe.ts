import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DnsCheck } from '@neo/domain-check';
import type { NetworkPolicy } from './network-policy';
import type { Observation } from './observation';

// Node reports the response code through error codes; these are the ones that carry an rcode.
const RCODE_OF_ERROR: Readonly<Record<string, string>> = {
  ENOTFOUND: 'NXDOMAIN',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ENOTIMP: 'NOTIMP',
  EFORMERR: 'FORMERR',
  ENODATA: 'NOERROR',
};

/**
 * Asks the configured server for one record type and reports rcode and answers (as text: addresses, `cname`,
 * `10 mx.host`, TXT strings joined). A timeout or unreachable server is a failure, not an rcode.
 */
export async function dnsProbe(
  check: DnsCheck,
  signal: AbortSignal,
  policy: NetworkPolicy,
): Promise<Observation> {
  const started = performance.now();
  const host = serverHost(check.server);
  if (isIP(host) !== 0) {
    const violation = policy.violation(host);
    if (violation) return { durationMs: 0, failure: violation };
  }
  const resolver = new Resolver({ timeout: check.timeoutMs, tries: 1 });
  resolver.setServers([check.server]);
  const onAbort = (): void => resolver.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const answers = await query(resolver, check);
    const lookup = performance.now() - started;
    return { durationMs: lookup, dnsLookupMs: lookup, dnsRcode: 'NOERROR', dnsAnswers: answers };
  } catch (error) {
    const lookup = performance.now() - started;
    const code = (error as { code?: string }).code ?? '';
    const rcode = RCODE_OF_ERROR[code];
    if (rcode !== undefined)
      return { durationMs: lookup, dnsLookupMs: lookup, dnsRcode: rcode, dnsAnswers: [] };
    const reason = signal.aborted ? String((signal.reason as Error).message) : `dns ${code || String(error)}`;
    return { durationMs: lookup, failure: reason };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function query(resolver: Resolver, check: DnsCheck): Promise<string[]> {
  switch (check.recordType) {
    case 'A':
      return resolver.resolve4(check.query);
    case 'AAAA':
      return resolver.resolve6(check.query);
    case 'CNAME':
      return resolver.resolveCname(check.query);
    case 'NS':
      return resolver.resolveNs(check.query);
    case 'MX':
      return (await resolver.resolveMx(check.query)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(check.query)).map((parts) => parts.join(''));
  }
}

function serverHost(server: string): string {
  if (server.startsWith('[')) return server.slice(1, server.indexOf(']'));
  return isIP(server) === 6 ? server : (server.split(':')[0] ?? server);
}
