import type Redis from 'ioredis';

/** When each push check last heard from its service; shared through Redis so any replica can judge it. */
export interface PushStore {
  record(check: string, atMs: number): Promise<void>;
  last(check: string): Promise<number | undefined>;
}

export class MemoryPushStore implements PushStore {
  private readonly seen = new Map<string, number>();

  async record(check: string, atMs: number): Promise<void> {
    this.seen.set(check, atMs);
  }

  async last(check: string): Promise<number | undefined> {
    return this.seen.get(check);
  }
}

export class RedisPushStore implements PushStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    /** Old pushes are useless once far past any interval; a week bounds stale keys. */
    private readonly ttlMs = 7 * 86_400_000,
  ) {}

  async record(check: string, atMs: number): Promise<void> {
    await this.redis.set(this.key(check), String(atMs), 'PX', this.ttlMs);
  }

  async last(check: string): Promise<number | undefined> {
    const value = await this.redis.get(this.key(check));
    return value === null ? undefined : Number(value);
  }

  private key(check: string): string {
    return `${this.keyPrefix}synthetic:push:${check}`;
  }
}
