import type { CheckResultV1 } from '@neo/contracts';
import type Redis from 'ioredis';
import { binOf, exactPercentile, percentileSeconds } from './latency-histogram';

const HOUR_MS = 3600_000;
/** Hour buckets live a little longer than the longest window (30 d). */
const BUCKET_TTL_S = 31 * 86_400;

export const WINDOWS = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type WindowName = keyof typeof WINDOWS;

export interface WindowStats {
  /** up / (up + down) time; null when nothing counted (no runs, or all maintenance). */
  readonly availability: number | null;
  readonly upSeconds: number;
  readonly downSeconds: number;
  readonly maintenanceSeconds: number;
  readonly p50Seconds: number | null;
  readonly p95Seconds: number | null;
  readonly p99Seconds: number | null;
  readonly runs: number;
}

/**
 * Per-check history in Redis, bounded: one hash per check per hour (`<prefix>checks:h:<check>:<hour>`: up/down/
 * maintenance milliseconds and latency bins; expires after 31 d) and a sorted set of the last hour's raw
 * durations (`<prefix>checks:recent:<check>`, trimmed on every write). Each result counts for its interval of
 * time, so availability is time-based; maintenance time is kept apart and left out.
 */
export class AvailabilityStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async record(result: CheckResultV1): Promise<void> {
    const at = Date.parse(result.startedAt);
    const hour = Math.floor(at / HOUR_MS);
    const key = this.hourKey(result.name, hour);
    const spanMs = Math.round((result.intervalSeconds ?? 60) * 1000);
    const field = result.state === 'maintenance' ? 'maint' : result.success ? 'up' : 'down';
    const recent = this.recentKey(result.name);
    const tx = this.redis.multi().hincrby(key, field, spanMs).hincrby(key, 'runs', 1);
    if (field !== 'maint') {
      tx.hincrby(key, `b${binOf(result.durationSeconds * 1000)}`, 1);
      tx.zadd(recent, at, `${at}:${result.durationSeconds}:${result.runner ?? ''}`);
    }
    await tx
      .expire(key, BUCKET_TTL_S)
      .zremrangebyscore(recent, '-inf', Date.now() - HOUR_MS)
      .expire(recent, 7200)
      .exec();
  }

  async window(check: string, hours: number, nowMs = Date.now()): Promise<WindowStats> {
    const current = Math.floor(nowMs / HOUR_MS);
    const pipeline = this.redis.pipeline();
    for (let h = current - hours + 1; h <= current; h++) pipeline.hgetall(this.hourKey(check, h));
    const replies = (await pipeline.exec()) ?? [];
    let up = 0;
    let down = 0;
    let maint = 0;
    let runs = 0;
    const bins = new Map<number, number>();
    for (const [, value] of replies) {
      const hash = (value ?? {}) as Record<string, string>;
      up += Number(hash['up'] ?? 0);
      down += Number(hash['down'] ?? 0);
      maint += Number(hash['maint'] ?? 0);
      runs += Number(hash['runs'] ?? 0);
      for (const [field, count] of Object.entries(hash)) {
        if (field.startsWith('b')) {
          const bin = Number(field.slice(1));
          bins.set(bin, (bins.get(bin) ?? 0) + Number(count));
        }
      }
    }
    return {
      availability: up + down === 0 ? null : up / (up + down),
      upSeconds: up / 1000,
      downSeconds: down / 1000,
      maintenanceSeconds: maint / 1000,
      p50Seconds: percentileSeconds(bins, 0.5),
      p95Seconds: percentileSeconds(bins, 0.95),
      p99Seconds: percentileSeconds(bins, 0.99),
      runs,
    };
  }

  /** Raw durations (s) of the last hour. */
  async recent(check: string, nowMs = Date.now()): Promise<{ p95Seconds: number | null; samples: number }> {
    const members = await this.redis.zrangebyscore(this.recentKey(check), nowMs - HOUR_MS, '+inf');
    const durations = members.map((member) => Number(member.split(':')[1]));
    return { p95Seconds: exactPercentile(durations, 0.95), samples: durations.length };
  }

  private hourKey(check: string, hour: number): string {
    return `${this.keyPrefix}checks:h:${check}:${hour}`;
  }

  private recentKey(check: string): string {
    return `${this.keyPrefix}checks:recent:${check}`;
  }
}
