/**
 * Log-scale latency bins (1 ms to ~10 min, ×1.25 each): a run's duration is stored as one count in a bin, so an
 * hour bucket costs ~60 small counters however many runs it saw; percentiles come back within ~12 %.
 */
const BASE_MS = 1;
const FACTOR = 1.25;
export const BIN_COUNT = 60;

export function binOf(durationMs: number): number {
  if (durationMs <= BASE_MS) return 0;
  return Math.min(BIN_COUNT - 1, Math.ceil(Math.log(durationMs / BASE_MS) / Math.log(FACTOR)));
}

/** Upper bound of a bin in ms (what a percentile falling in it reports). */
export function binUpperMs(bin: number): number {
  return BASE_MS * FACTOR ** bin;
}

/** The q-quantile (0..1) of a bin histogram, in seconds; null without samples. */
export function percentileSeconds(bins: ReadonlyMap<number, number>, q: number): number | null {
  const total = [...bins.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
    seen += bins.get(bin) ?? 0;
    if (seen >= rank) return Math.round(binUpperMs(bin) * 1000) / 1e6;
  }
  return null;
}

/** Exact quantile of raw samples (seconds), for the short recent window. */
export function exactPercentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}
