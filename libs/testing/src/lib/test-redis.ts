import Redis from 'ioredis';

/** Redis the tests use: `REDIS_URL`, else the local default that `.ci/run` starts. */
export const TEST_REDIS_URL: string = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const CONNECT_TIMEOUT_MS = 2000;

// Keep passwords out of test output.
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * A connected client for a real Redis, or a clear error within 2 s. Fails fast rather than
 * retrying, so a missing Redis shows up as one readable failure instead of hanging timeouts.
 */
export async function connectTestRedis(url: string = TEST_REDIS_URL): Promise<Redis> {
  const redis = new Redis(url, {
    // ioredis 6 sends CLIENT SETINFO, which Redis 7.0 rejects.
    disableClientInfo: true,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CONNECT_TIMEOUT_MS);
      }),
    ]);
    return redis;
  } catch (error: unknown) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis is not answering at ${redact(url)} (start it with .ci/run): ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]^]/g, '\\$&');
}

/** Delete every key starting with `prefix` (SCAN + DEL) and return how many were deleted. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  if (prefix === '') {
    // An empty prefix would wipe the whole database, shared with other test runs.
    throw new Error('deleteKeysWithPrefix needs a non-empty prefix');
  }
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) {
      deleted += await redis.del(...keys);
    }
  } while (cursor !== '0');
  return deleted;
}
