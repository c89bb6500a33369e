import type Redis from 'ioredis';
import type { Coordinator } from './coordinator';

/**
 * A lease per check per slot: `SET <prefix>synthetic:lease:<key> <instance> NX PX <ttl>`. Every replica schedules
 * every check at the same wall-clock slots and races for the lease, so each slot runs once; when a replica dies
 * the others simply win its slots from the next one on. Without an answer within `timeoutMs` (Redis down or
 * slow) the claim is lost: the replica skips the run.
 */
export class RedisCoordinator implements Coordinator {
  readonly mode = 'redis' as const;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly instance: string,
    private readonly timeoutMs = 1000,
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    const claimed = this.redis
      .set(
        `${this.keyPrefix}synthetic:lease:${key}`,
        this.instance,
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
        'NX',
      )
      .then((reply) => reply === 'OK')
      .catch(() => false);
    try {
      return await Promise.race([claimed, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
