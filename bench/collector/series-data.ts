/**
 * The benchmark's series: `bench_requests_total{series, group}` counters moving by small pseudo-random
 * steps, "regular data" as scraped from real services. Deterministic from (series, step).
 */
export function counterValue(series: number, step: number): number {
  let value = series % 1000;
  for (let k = 1; k <= step; k++) value += increment(series, k);
  return value;
}

/** Step k's increase of a series: 0..9, a cheap integer hash. */
export function increment(series: number, k: number): number {
  let h = Math.imul(series ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k, 0xc2b2ae35);
  h ^= h >>> 13;
  return (h >>> 0) % 10;
}

/** Label part of series i, as the target exposes it. */
export function seriesText(i: number): string {
  return `bench_requests_total{series="${i}",group="g${i % 100}"}`;
}
