/**
 * The compensation term after adding `inc` to `sum` (giving `t`), as Prometheus' kahanSumInc; the caller
 * keeps `t` as the new sum. Split this way so hot loops allocate no result tuple.
 */
export function kahanComp(inc: number, sum: number, t: number, c: number): number {
  return Math.abs(sum) >= Math.abs(inc) ? c + (sum - t + inc) : c + (inc - t + sum);
}

/** Ascending with NaN first, as Prometheus' vectorByValueHeap. */
export function byValueNaNFirst(a: number, b: number): number {
  if (Number.isNaN(a)) {
    return Number.isNaN(b) ? 0 : -1;
  }
  if (Number.isNaN(b)) {
    return 1;
  }
  return a - b;
}

/** Prometheus' quantile: linear interpolation between closest ranks; q outside [0,1] gives ±Inf. */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) {
    return NaN;
  }
  if (q < 0) {
    return -Infinity;
  }
  if (q > 1) {
    return Infinity;
  }
  const sorted = [...values].sort(byValueNaNFirst);
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}

/** Least squares fit of (t - interceptTime seconds, v); Prometheus' linearRegression. */
export function linearRegression(
  ts: Float64Array,
  vs: Float64Array,
  lo: number,
  hi: number,
  interceptTime: number,
): [number, number] {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumX2 = 0;
  const initY = vs[lo];
  let constY = true;
  for (let i = lo; i < hi; i++) {
    const v = vs[i];
    if (constY && i > lo && v !== initY) {
      constY = false;
    }
    n++;
    const x = (ts[i] - interceptTime) / 1000;
    sumX += x;
    sumY += v;
    sumXY += x * v;
    sumX2 += x * x;
  }
  if (constY) {
    return Number.isFinite(initY) ? [0, initY] : [NaN, NaN];
  }
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}
