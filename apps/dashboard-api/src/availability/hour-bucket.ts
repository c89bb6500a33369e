import type { CheckResultV1 } from '@neo/contracts';
import type { WindowStats } from './availability-store';
import { binOf, percentileSeconds } from './latency-histogram';

export const HOUR_MS = 3600_000;
/** Hour buckets live a little longer than the longest window (30 d). */
export const BUCKET_TTL_MS = 31 * 86_400_000;

/** One check's results within one hour: time up/down/in maintenance (ms), run count and latency bins. */
export interface HourBucket {
  up: number;
  down: number;
  maint: number;
  runs: number;
  readonly bins: Map<number, number>;
}

export function emptyBucket(): HourBucket {
  return { up: 0, down: 0, maint: 0, runs: 0, bins: new Map() };
}

/**
 * How a result counts: for its whole interval of time (availability is time-based), maintenance apart, and with
 * a latency bin unless it ran in maintenance.
 */
export function countOf(result: CheckResultV1): {
  field: 'up' | 'down' | 'maint';
  spanMs: number;
  bin?: number;
} {
  const field = result.state === 'maintenance' ? 'maint' : result.success ? 'up' : 'down';
  const spanMs = Math.round((result.intervalSeconds ?? 60) * 1000);
  return field === 'maint' ? { field, spanMs } : { field, spanMs, bin: binOf(result.durationSeconds * 1000) };
}

export function addToBucket(bucket: HourBucket, result: CheckResultV1): void {
  const { field, spanMs, bin } = countOf(result);
  bucket[field] += spanMs;
  bucket.runs += 1;
  if (bin !== undefined) bucket.bins.set(bin, (bucket.bins.get(bin) ?? 0) + 1);
}

export function windowStats(buckets: Iterable<HourBucket>): WindowStats {
  const total = emptyBucket();
  for (const bucket of buckets) {
    total.up += bucket.up;
    total.down += bucket.down;
    total.maint += bucket.maint;
    total.runs += bucket.runs;
    for (const [bin, count] of bucket.bins) total.bins.set(bin, (total.bins.get(bin) ?? 0) + count);
  }
  return {
    availability: total.up + total.down === 0 ? null : total.up / (total.up + total.down),
    upSeconds: total.up / 1000,
    downSeconds: total.down / 1000,
    maintenanceSeconds: total.maint / 1000,
    p50Seconds: percentileSeconds(total.bins, 0.5),
    p95Seconds: percentileSeconds(total.bins, 0.95),
    p99Seconds: percentileSeconds(total.bins, 0.99),
    runs: total.runs,
  };
}
