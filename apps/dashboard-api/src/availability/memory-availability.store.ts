import type { CheckResultV1 } from '@neo/contracts';
import type { AvailabilityStore, RegressionState, WindowStats } from './availability-store';
import {
  addToBucket,
  BUCKET_TTL_MS,
  emptyBucket,
  HOUR_MS,
  windowStats,
  type HourBucket,
} from './hour-bucket';
import { exactPercentile } from './latency-histogram';

interface CheckHistory {
  /** hour number -> bucket. */
  readonly hours: Map<number, HourBucket>;
  /** [startedAt ms, duration s] of the last hour. */
  recent: Array<readonly [number, number]>;
  regression: RegressionState;
}

/**
 * All-in-one without Redis: the same hour buckets and last-hour durations as the Redis store, in this process's
 * memory. Bounded the same way (buckets older than 31 d and durations older than an hour are dropped on write);
 * not shared with other processes and lost on restart.
 */
export class MemoryAvailabilityStore implements AvailabilityStore {
  private readonly checks = new Map<string, CheckHistory>();

  async record(result: CheckResultV1): Promise<void> {
    const at = Date.parse(result.startedAt);
    const history = this.history(result.name);
    const hour = Math.floor(at / HOUR_MS);
    let bucket = history.hours.get(hour);
    if (!bucket) history.hours.set(hour, (bucket = emptyBucket()));
    addToBucket(bucket, result);
    const now = Date.now();
    if (result.state !== 'maintenance') history.recent.push([at, result.durationSeconds]);
    history.recent = history.recent.filter(([startedAt]) => startedAt >= now - HOUR_MS);
    const oldest = Math.floor((now - BUCKET_TTL_MS) / HOUR_MS);
    for (const h of history.hours.keys()) if (h < oldest) history.hours.delete(h);
  }

  async window(check: string, hours: number, nowMs = Date.now()): Promise<WindowStats> {
    const current = Math.floor(nowMs / HOUR_MS);
    const buckets = [...(this.checks.get(check)?.hours ?? [])]
      .filter(([hour]) => hour > current - hours && hour <= current)
      .map(([, bucket]) => bucket);
    return windowStats(buckets);
  }

  async recent(check: string, nowMs = Date.now()): Promise<{ p95Seconds: number | null; samples: number }> {
    const durations = (this.checks.get(check)?.recent ?? [])
      .filter(([startedAt]) => startedAt >= nowMs - HOUR_MS)
      .map(([, seconds]) => seconds);
    return { p95Seconds: exactPercentile(durations, 0.95), samples: durations.length };
  }

  async swapRegressionState(check: string, next: RegressionState): Promise<RegressionState> {
    const history = this.history(check);
    const was = history.regression;
    history.regression = next;
    return was;
  }

  private history(check: string): CheckHistory {
    let found = this.checks.get(check);
    if (!found) this.checks.set(check, (found = { hours: new Map(), recent: [], regression: 'recovered' }));
    return found;
  }
}
