import type Redis from 'ioredis';
import type { ApiCheckSource } from './api-check-source';
import type { StoredApiChecks } from './api-checks';

/** Redis keys shared with dashboard-api (which writes the checks and pause set). */
export function apiCheckKeys(keyPrefix: string): { checks: string; paused: string; catalog: string } {
  return {
    checks: `${keyPrefix}synthetic:checks`,
    paused: `${keyPrefix}synthetic:paused`,
    catalog: `${keyPrefix}synthetic:catalog`,
  };
}

export class RedisApiCheckSource implements ApiCheckSource {
  private readonly keys;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    this.keys = apiCheckKeys(keyPrefix);
  }

  async read(): Promise<StoredApiChecks | undefined> {
    if (this.redis.status !== 'ready') return undefined;
    const [stored, paused] = await Promise.all([
      this.redis.hgetall(this.keys.checks),
      this.redis.smembers(this.keys.paused),
    ]);
    return { stored, paused };
  }

  async publishCatalog(entries: ReadonlyMap<string, string>): Promise<void> {
    if (this.redis.status !== 'ready') return;
    const tx = this.redis.multi().del(this.keys.catalog);
    if (entries.size > 0) tx.hset(this.keys.catalog, ...[...entries].flat());
    await tx.exec();
  }
}
