import { BlockList, isIP } from 'node:net';

/** Link-local (cloud metadata lives at 169.254.169.254) is never a legitimate probe target unless allowed. */
export const DEFAULT_DENIED_NETWORKS = ['169.254.0.0/16', 'fe80::/10'] as const;

/**
 * Which addresses checks may reach. An address is allowed when it is not in a denied network and, if an allow
 * list is set, is in one of its networks. Checked after name resolution, so a DNS name cannot smuggle a denied
 * address past it.
 */
export class NetworkPolicy {
  private readonly allow?: BlockList;
  private readonly deny = new BlockList();

  constructor(
    private readonly allowed: readonly string[],
    private readonly denied: readonly string[] = DEFAULT_DENIED_NETWORKS,
  ) {
    if (allowed.length > 0) {
      this.allow = new BlockList();
      for (const cidr of allowed) addNetwork(this.allow, cidr);
    }
    for (const cidr of denied) addNetwork(this.deny, cidr);
  }

  /** Undefined when allowed, else the reason. */
  violation(address: string): string | undefined {
    const family: 'ipv4' | 'ipv6' = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const subject = mapped ?? address;
    const type = mapped ? 'ipv4' : family;
    if (this.deny.check(subject, type))
      return `address ${address} is in a denied network (${this.denied.join(', ')})`;
    if (this.allow && !this.allow.check(subject, type)) {
      return `address ${address} is not in an allowed network (${this.allowed.join(', ')})`;
    }
    return undefined;
  }
}

/** Throws on anything that is not `address/prefix` or a bare address. */
export function addNetwork(list: BlockList, cidr: string): void {
  const [address = '', prefixText] = cidr.trim().split('/');
  const family = isIP(address);
  if (family === 0) throw new Error(`not a network: "${cidr}"`);
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const max = family === 6 ? 128 : 32;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`not a network: "${cidr}"`);
  list.addSubnet(address, prefix, type);
}
