import { BlockList } from 'node:net';
import { z } from 'zod';
import { addNetwork } from '../probes/network-policy';

/** CIDR list from YAML (a list) or env (comma-separated); every entry must parse. */
export const networkList = z.preprocess(
  (raw) =>
    typeof raw === 'string'
      ? raw
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : raw,
  z.array(z.string()).superRefine((cidrs, ctx) => {
    for (const cidr of cidrs) {
      try {
        addNetwork(new BlockList(), cidr);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `not a network: "${cidr}" (use e.g. 10.0.0.0/8 or ::1/128)`,
        });
      }
    }
  }),
);
