import { StoredCheckV1 } from '@neo/contracts';
import type Redis from 'ioredis';
import type { ChecksStore } from './checks-store';

/** The Redis keys shared with synthetic-runner (see its sources/redis-api-check-source.ts). */
export class RedisChecksStore implements ChecksStore {
  readonly kind = 'redis' as const;
  private readonly checksKey: string;
  private readonly pausedKey: string;
  private readonly catalogKey: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    this.checksKey = `${keyPrefix}synthetic:checks`;
    this.pausedKey = `${keyPrefix}synthetic:paused`;
    this.catalogKey = `${keyPrefix}synthetic:catalog`;
  }

  async stored(): Promise<StoredCheckV1[]> {
    const all = await this.redis.hgetall(this.checksKey);
    return Object.values(all).flatMap((json) => {
      const parsed = StoredCheckV1.safeParse(JSON.parse(json));
      return parsed.success ? [parsed.data] : [];
    });
  }

  async get(name: string): Promise<StoredCheckV1 | undefined> {
    const json = await this.redis.hget(this.checksKey, name);
    return json === null ? undefined : StoredCheckV1.parse(JSON.parse(json));
  }

  async put(check: StoredCheckV1): Promise<void> {
    await this.redis.hset(this.checksKey, check.name, JSON.stringify(check));
  }

  async delete(name: string): Promise<boolean> {
    const [[, removed] = [null, 0]] =
      (await this.redis.multi().hdel(this.checksKey, name).srem(this.pausedKey, name).exec()) ?? [];
    return Number(removed) > 0;
  }

  async setPaused(name: string, paused: boolean): Promise<void> {
    if (paused) await this.redis.sadd(this.pausedKey, name);
    else await this.redis.srem(this.pausedKey, name);
  }

  async paused(): Promise<Set<string>> {
    return new Set(await this.redis.smembers(this.pausedKey));
  }

  async catalog(): Promise<Map<string, Record<string, unknown>>> {
    const all = await this.redis.hgetall(this.catalogKey);
    return new Map(
      Object.entries(all).map(([name, json]) => [name, JSON.parse(json) as Record<string, unknown>]),
    );
  }
}
