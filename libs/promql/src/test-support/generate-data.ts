import { STALE_NAN } from '../lib/storage/queryable';
import { WriteSeries } from './remote-write';

/** Deterministic pseudo-random numbers (mulberry32), so both stores get identical data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BUCKETS = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

/**
 * Counters (with a reset), gauges, classic histograms, a series that goes stale, and a sparse one;
 * `points` samples at `stepMs` from `startMs`.
 */
export function generateData(startMs: number, points: number, stepMs: number): WriteSeries[] {
  const r = rng(42);
  const out: WriteSeries[] = [];
  const ts = Array.from({ length: points }, (_, i) => startMs + i * stepMs);
  for (const job of ['api', 'web']) {
    for (const instance of ['a', 'b', 'c']) {
      for (const code of ['200', '500']) {
        let v = Math.floor(r() * 100);
        const vs = ts.map((_, i) => {
          v += code === '200' ? Math.floor(r() * 50) : Math.floor(r() * 5);
          if (job === 'web' && instance === 'b' && i === Math.floor(points / 2)) {
            v = Math.floor(r() * 10); // counter reset
          }
          return v;
        });
        out.push({ labels: { __name__: 'http_requests_total', job, instance, code }, ts, vs });
      }
      out.push({
        labels: { __name__: 'cpu_usage', job, instance },
        ts,
        vs: ts.map((_, i) => Math.round((50 + 40 * Math.sin(i / 10 + r()) + r() * 5) * 100) / 100),
      });
      out.push({
        labels: { __name__: 'up', job, instance },
        ts,
        vs: ts.map((_, i) => (instance === 'c' && i % 40 > 30 ? 0 : 1)),
      });
      const counts = BUCKETS.map(() => 0);
      const bucketVs = BUCKETS.map(() => [] as number[]);
      for (let i = 0; i < points; i++) {
        for (let k = 0; k < 5; k++) {
          const obs = r() * r() * 3;
          BUCKETS.forEach((le, b) => {
            if (le === '+Inf' || obs <= Number(le)) {
              counts[b]++;
            }
          });
        }
        counts.forEach((c, b) => bucketVs[b].push(c));
      }
      BUCKETS.forEach((le, b) =>
        out.push({
          labels: { __name__: 'request_duration_seconds_bucket', job, instance, le },
          ts,
          vs: bucketVs[b],
        }),
      );
      out.push({
        labels: { __name__: 'request_duration_seconds_count', job, instance },
        ts,
        vs: bucketVs[BUCKETS.length - 1],
      });
    }
  }
  // A series that stops with a staleness marker two thirds in, and a sparse one.
  const cut = Math.floor((points * 2) / 3);
  out.push({
    labels: { __name__: 'batch_last_success', job: 'batch' },
    ts: ts.slice(0, cut + 1),
    vs: [...ts.slice(0, cut).map((_, i) => 1000 + i), STALE_NAN],
  });
  const sparse = ts.filter((_, i) => i % 13 === 0);
  out.push({
    labels: { __name__: 'temperature', room: 'x' },
    ts: sparse,
    vs: sparse.map(() => Math.round(r() * 300) / 10),
  });
  return out;
}
