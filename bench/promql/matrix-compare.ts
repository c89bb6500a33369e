import { parsePromValue } from '@neo/domain-metric';
import { PromApiData } from '@neo/promql';

/** A range query's answer keyed by its series' labels: points as [seconds, value]. */
export type Matrix = Map<string, Array<[number, number]>>;

interface PromResponse {
  status: string;
  data?: PromApiData;
  error?: string;
}

/** The matrix in a `/api/v1/query_range` response body; throws on anything else. */
export function matrixOf(json: string): Matrix {
  const body = JSON.parse(json) as PromResponse;
  const data = body.data;
  if (data === undefined || data.resultType !== 'matrix') {
    throw new Error(`expected a matrix, got ${json.slice(0, 200)}`);
  }
  const m = data as Extract<PromApiData, { resultType: 'matrix' }>;
  const out: Matrix = new Map();
  for (const s of m.result) {
    const key = Object.keys(s.metric)
      .sort()
      .map((k) => `${k}=${s.metric[k]}`)
      .join(',');
    out.set(
      key,
      s.values.map(([t, v]): [number, number] => [t, parsePromValue(v)]),
    );
  }
  return out;
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  return a === b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

/** First difference between NEO's and Prometheus' matrices (same series, values within 1e-6), or undefined. */
export function matrixDiff(ours: Matrix, theirs: Matrix): string | undefined {
  if (ours.size !== theirs.size) {
    return `${ours.size} series vs prometheus ${theirs.size}`;
  }
  for (const [key, b] of theirs) {
    const a = ours.get(key);
    if (a === undefined) {
      return `missing series {${key}}`;
    }
    if (a.length !== b.length) {
      return `{${key}}: ${a.length} points vs prometheus ${b.length}`;
    }
    for (let i = 0; i < a.length; i++) {
      if (a[i][0] !== b[i][0] || !close(a[i][1], b[i][1])) {
        return `{${key}} at ${b[i][0]}: ${a[i][1]} vs prometheus ${b[i][1]}`;
      }
    }
  }
  return undefined;
}

/** Per timestamp, the sorted multiset of values; labels ignored. */
function valuesByStep(m: Matrix): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const points of m.values()) {
    for (const [t, v] of points) {
      const vs = out.get(t) ?? [];
      vs.push(v);
      out.set(t, vs);
    }
  }
  for (const vs of out.values()) {
    vs.sort((a, b) => a - b);
  }
  return out;
}

/** As {@link matrixDiff} on the values picked per step only (topk ties may pick other series). */
export function stepValuesDiff(ours: Matrix, theirs: Matrix): string | undefined {
  const a = valuesByStep(ours);
  const b = valuesByStep(theirs);
  if (a.size !== b.size) {
    return `${a.size} steps vs prometheus ${b.size}`;
  }
  for (const [t, bv] of b) {
    const av = a.get(t) ?? [];
    if (av.length !== bv.length || av.some((v, i) => !close(v, bv[i]))) {
      return `at ${t}: [${av.join(', ')}] vs prometheus [${bv.join(', ')}]`;
    }
  }
  return undefined;
}
