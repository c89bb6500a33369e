import Redis, { type RedisOptions } from 'ioredis';

/**
 * ioredis options from a redis:// or rediss:// URL. `disableClientInfo` because ioredis 6 sends CLIENT
 * SETINFO, which Redis 7.0 rejects during the handshake.
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`unsupported Redis URL scheme '${parsed.protocol}' (use redis:// or rediss://)`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    disableClientInfo: true,
  };
}

/** A command connection with bounded reconnect back-off, for state and health checks. */
export function createRedisClient(url: string, connectionName: string): Redis {
  return new Redis({
    ...redisOptionsFromUrl(url),
    connectionName,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}
