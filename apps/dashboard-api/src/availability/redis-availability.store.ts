import type { CheckResultV1 } from '@neo/contracts';
import type Redis from 'ioredis';
import type { AvailabilityStore, RegressionState, WindowStats } from './availability-store';
import { BUCKET_TTL_MS, countOf, emptyBucket, HOUR_MS, windowStats, type HourBucket } from './hour-bucket';
import { exactPercentile } from './latency-histogram';

/**
 * Per-check history in Redis, bounded: one hash per check per hour (`<prefix>checks:h:<check>:<hour>`: up/down/
 * maintenance milliseconds and latency bins; expires after 31 d) and a sorted set of the last hour's raw
 * durations (`<prefix>checks:recent:<check>`, trimmed on every write). Shared by every dashboard-api replica.
 */
export class RedisAvailabilityStore implements AvailabilityStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async record(result: CheckResultV1): Promise<void> {
    const at = Date.parse(result.startedAt);
    const key = this.hourKey(result.name, Math.floor(at / HOUR_MS));
    const { field, spanMs, bin } = countOf(result);
    const recent = this.recentKey(result.name);
    const tx = this.redis.multi().hincrby(key, field, spanMs).hincrby(key, 'runs', 1);
    if (bin !== undefined) {
      tx.hincrby(key, `b${bin}`, 1);
      tx.zadd(recent, at, `${at}:${result.durationSeconds}:${result.runner ?? ''}`);
    }
    await tx
      .expire(key, BUCKET_TTL_MS / 1000)
      .zremrangebyscore(recent, '-inf', Date.now() - HOUR_MS)
      .expire(recent, 7200)
      .exec();
  }

  async window(check: string, hours: number, nowMs = Date.now()): Promise<WindowStats> {
    const current = Math.floor(nowMs / HOUR_MS);
    const pipeline = this.redis.pipeline();
    for (let h = current - hours + 1; h <= current; h++) pipeline.hgetall(this.hourKey(check, h));
    const replies = (await pipeline.exec()) ?? [];
    return windowStats(replies.map(([, value]) => bucketOf((value ?? {}) as Record<string, string>)));
  }

  async recent(check: string, nowMs = Date.now()): Promise<{ p95Seconds: number | null; samples: number }> {
    const members = await this.redis.zrangebyscore(this.recentKey(check), nowMs - HOUR_MS, '+inf');
    const durations = members.map((member) => Number(member.split(':')[1]));
    return { p95Seconds: exactPercentile(durations, 0.95), samples: durations.length };
  }

  // Decided in Redis so that of several replicas exactly one sees the flip and announces it.
  async swapRegressionState(check: string, next: RegressionState): Promise<RegressionState> {
    const was = await this.redis.getset(`${this.keyPrefix}checks:regression:${check}`, next);
    return was === 'regressed' ? 'regressed' : 'recovered';
  }

  private hourKey(check: string, hour: number): string {
    return `${this.keyPrefix}checks:h:${check}:${hour}`;
  }

  private recentKey(check: string): string {
    return `${this.keyPrefix}checks:recent:${check}`;
  }
}

function bucketOf(hash: Record<string, string>): HourBucket {
  const bucket = emptyBucket();
  bucket.up = Number(hash['up'] ?? 0);
  bucket.down = Number(hash['down'] ?? 0);
  bucket.maint = Number(hash['maint'] ?? 0);
  bucket.runs = Number(hash['runs'] ?? 0);
  for (const [field, count] of Object.entries(hash)) {
    if (field.startsWith('b')) bucket.bins.set(Number(field.slice(1)), Number(count));
  }
  return bucket;
}
