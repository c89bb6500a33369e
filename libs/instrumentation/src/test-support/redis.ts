import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/**
 * The real Redis the specs use (REDIS_URL or the local default). Local to this lib: @neo/testing depends on
 * infra libs, so infra specs may not import it.
 */
export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export async function connectTestRedis(): Promise<Redis> {
  // ioredis 6 sends CLIENT SETINFO, which Redis 7.0 rejects.
  const redis = new Redis(TEST_REDIS_URL, {
    disableClientInfo: true,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    throw new Error(`Redis is not answering at ${TEST_REDIS_URL}: ${(error as Error).message}`);
  }
  return redis;
}

/** A channel prefix no other test run produces. */
export function uniquePrefix(tag: string): string {
  return `neo-test:${tag}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}
