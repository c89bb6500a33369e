import { randomBytes } from 'node:crypto';

/**
 * A key/channel prefix no other jest worker or test run will produce: tag, pid and random bytes.
 * Shape: `neo-test:<tag>:<pid>:<random>:`.
 */
export function uniquePrefix(tag: string): string {
  return `neo-test:${tag}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}
