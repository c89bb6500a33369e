import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { IpFamily } from '@neo/domain-check';
import type { NetworkPolicy } from './network-policy';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Raised for a target the network policy forbids; its message is the probe's failure. */
export class TargetDenied extends Error {}

/**
 * Resolves a host the way blackbox_exporter's `preferred_ip_protocol` does: the preferred family if it has an
 * address, else any (only `ipv4`/`ipv6` are strict). Then applies the network policy.
 */
export async function resolveAddress(
  host: string,
  family: IpFamily,
  policy: NetworkPolicy,
): Promise<ResolvedAddress> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let resolved: ResolvedAddress;
  const literal = isIP(bare);
  if (literal !== 0) {
    resolved = { address: bare, family: literal === 6 ? 6 : 4 };
  } else {
    const wanted = family === 'ipv4' ? 4 : family === 'ipv6' ? 6 : 0;
    const all = await lookup(bare, { all: true, family: wanted });
    const first = all[0];
    if (!first) throw new Error(`no address for ${bare}`);
    resolved = { address: first.address, family: first.family === 6 ? 6 : 4 };
  }
  if ((family === 'ipv4' && resolved.family !== 4) || (family === 'ipv6' && resolved.family !== 6)) {
    throw new Error(`${bare} has no ${family} address`);
  }
  const violation = policy.violation(resolved.address);
  if (violation) throw new TargetDenied(violation);
  return resolved;
}
