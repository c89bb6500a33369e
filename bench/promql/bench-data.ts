import { compareBytes, Labels } from '@neo/domain-metric';
import { MemoryQueryable } from '../../libs/promql/src/test-support/memory-queryable';
import { WriteSeries } from '../../libs/promql/src/test-support/remote-write';

/** The benchmark's data set: 1 h at 15 s, N/10 targets with 10 routes and 10 histogram buckets each. */
export const T0 = 1_700_000_000_000;
export const SCRAPE_MS = 15_000;
export const POINTS = 240; // 1 h at 15 s
export const START = T0;
export const END = T0 + POINTS * SCRAPE_MS; // 241 steps over the hour
export const STEP = 15_000;
export const ROUTES = 10;
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic data for `n` counter and `n` bucket series, plus one gauge and one `up` per target (one
 * target in 20 is down for ten minutes somewhere in the hour, so `up == 0` has answers).
 */
export function generate(n: number): WriteSeries[] {
  const r = rng(n);
  const targets = n / ROUTES;
  const ts = Array.from({ length: POINTS }, (_, i) => T0 + i * SCRAPE_MS);
  const out: WriteSeries[] = [];
  for (let k = 0; k < targets; k++) {
    const base = { job: `job-${k % 10}`, instance: `10.0.${Math.floor(k / 250)}.${k % 250}:9100` };
    for (let route = 0; route < ROUTES; route++) {
      let v = Math.floor(r() * 1000);
      const rate = 1 + r() * 20;
      const resetAt = k % 17 === 0 ? Math.floor(r() * POINTS) : -1;
      const vs = ts.map((_, i) => {
        v = i === resetAt ? Math.floor(r() * 10) : v + Math.floor(r() * rate * 15);
        return v;
      });
      out.push({ labels: { __name__: 'http_requests_total', ...base, route: `r${route}` }, ts, vs });
    }
    const counts = LE.map(() => 0);
    const bucketVs = LE.map(() => [] as number[]);
    for (let i = 0; i < POINTS; i++) {
      for (let obs = 0; obs < 5; obs++) {
        const x = r() * r() * r() * 3;
        LE.forEach((le, b) => {
          if (le === '+Inf' || x <= Number(le)) {
            counts[b]++;
          }
        });
      }
      counts.forEach((c, b) => bucketVs[b].push(c));
    }
    LE.forEach((le, b) =>
      out.push({
        labels: { __name__: 'http_request_duration_seconds_bucket', ...base, le },
        ts,
        vs: bucketVs[b],
      }),
    );
    let mem = 1e8 + r() * 1e9;
    out.push({
      labels: { __name__: 'process_resident_memory_bytes', ...base },
      ts,
      vs: ts.map(() => (mem = Math.max(1e7, mem + (r() - 0.5) * 1e7))),
    });
    const down = k % 20 === 7 ? Math.floor(r() * (POINTS - 40)) : -100;
    out.push({
      labels: { __name__: 'up', ...base },
      ts,
      vs: ts.map((_, i) => (i >= down && i < down + 40 ? 0 : 1)),
    });
  }
  return out;
}

/** Label pairs flattened in name order, compared pairwise like @neo/tsdb orders its selections. */
function pairs(l: Labels): string[] {
  return Object.keys(l)
    .sort(compareBytes)
    .flatMap((k) => [k, l[k]]);
}

function comparePairs(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return compareBytes(a[i], b[i]);
    }
  }
  return a.length - b.length;
}

/**
 * The in-memory reference store, series in the order @neo/tsdb returns them (sorted by labels), so
 * aggregations add in the same order and both paths must give bit-identical answers.
 */
export function memoryStore(data: readonly WriteSeries[]): MemoryQueryable {
  const q = new MemoryQueryable();
  const sorted = data.map((s) => ({ s, p: pairs(s.labels) })).sort((a, b) => comparePairs(a.p, b.p));
  for (const { s, p } of sorted) {
    // Labels rebuilt in name order, as the Tsdb's label objects are, so JSON key order matches too.
    const labels: Record<string, string> = {};
    for (let i = 0; i < p.length; i += 2) {
      labels[p[i]] = p[i + 1];
    }
    // Direct push: MemoryQueryable.add searches for an existing series (quadratic at this size).
    q.series.push({ labels, ts: s.ts, vs: s.vs });
  }
  return q;
}
