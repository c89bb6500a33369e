import { QueryError } from '../eval/query-error';
import { kahanComp, linearRegression, quantile } from './stats';

/** What a range function sees of the current step besides the samples. */
export interface Window {
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly rangeMs: number;
  readonly evalTime: number;
  /** Scalar arguments at this step, in argument order (range argument excluded). */
  readonly params: readonly number[];
  /**
   * For counter functions, if known: `resets[i]` = how many j <= i have vs[j] < vs[j-1], so a window
   * with `resets[hi-1] === resets[lo]` has no reset to correct for.
   */
  readonly resets: Uint32Array | undefined;
}

/** Computes one step from samples [lo, hi) of a series; undefined means no output sample. */
type Kernel = (ts: Float64Array, vs: Float64Array, lo: number, hi: number, w: Window) => number | undefined;

/**
 * A range function as the evaluator calls it: writes the step's value to `out[0]` and returns true, or
 * returns false for no output sample. The evaluator's call site sees every function (megamorphic, never
 * inlined), and a float returned from a call that is not inlined is boxed: millions of steps meant
 * millions of heap numbers. Each entry below is its own small function whose call to its kernel is
 * monomorphic, so the kernel is inlined there and the value goes to `out` unboxed.
 */
export type RangeFunction = (
  ts: Float64Array,
  vs: Float64Array,
  lo: number,
  hi: number,
  w: Window,
  out: Float64Array,
) => boolean;

function put(out: Float64Array, v: number | undefined): boolean {
  if (v === undefined) {
    return false;
  }
  out[0] = v;
  return true;
}

/** rate/increase/delta with Prometheus' extrapolation towards the window edges. */
function extrapolatedRate(isCounter: boolean, isRate: boolean): Kernel {
  return (ts, vs, lo, hi, w) => {
    const count = hi - lo;
    if (count < 2) {
      return undefined;
    }
    const first = vs[lo];
    let result = vs[hi - 1] - first;
    const resets = w.resets;
    if (isCounter && (resets === undefined || resets[hi - 1] !== resets[lo])) {
      let last = 0;
      for (let i = lo; i < hi; i++) {
        if (vs[i] < last) {
          result += last;
        }
        last = vs[i];
      }
    }
    let durationToStart = (ts[lo] - w.rangeStart) / 1000;
    const durationToEnd = (w.rangeEnd - ts[hi - 1]) / 1000;
    const sampled = (ts[hi - 1] - ts[lo]) / 1000;
    const avgStep = sampled / (count - 1);
    if (isCounter && result > 0 && first >= 0) {
      // A counter cannot go below zero: do not extrapolate further back than where it would hit 0.
      durationToStart = Math.min(durationToStart, sampled * (first / result));
    }
    const threshold = avgStep * 1.1;
    let interval = sampled;
    interval += durationToStart < threshold ? durationToStart : avgStep / 2;
    interval += durationToEnd < threshold ? durationToEnd : avgStep / 2;
    result = result * (interval / sampled);
    return isRate ? result / (w.rangeMs / 1000) : result;
  };
}

function instantValue(isRate: boolean): Kernel {
  return (ts, vs, lo, hi) => {
    if (hi - lo < 2) {
      return undefined;
    }
    const last = vs[hi - 1];
    const prev = vs[hi - 2];
    const result = isRate && last < prev ? last : last - prev;
    const interval = ts[hi - 1] - ts[hi - 2];
    if (interval === 0) {
      return undefined;
    }
    return isRate ? result / (interval / 1000) : result;
  };
}

function avgOverTime(_ts: Float64Array, vs: Float64Array, lo: number, hi: number): number {
  let mean = 0;
  let c = 0;
  let count = 0;
  for (let i = lo; i < hi; i++) {
    const v = vs[i];
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) {
        continue;
      }
      if (Number.isFinite(v)) {
        continue;
      }
    }
    const inc = v / count - mean / count;
    const t = mean + inc;
    c = kahanComp(inc, mean, t, c);
    mean = t;
  }
  return Number.isFinite(mean) ? mean + c : mean;
}

function variance(vs: Float64Array, lo: number, hi: number): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = lo; i < hi; i++) {
    const v = vs[i];
    count++;
    const delta = v - (mean + cMean);
    const incMean = delta / count;
    const tMean = mean + incMean;
    cMean = kahanComp(incMean, mean, tMean, cMean);
    mean = tMean;
    const incAux = delta * (v - (mean + cMean));
    const tAux = aux + incAux;
    cAux = kahanComp(incAux, aux, tAux, cAux);
    aux = tAux;
  }
  return (aux + cAux) / count;
}

function holtWinters(
  _ts: Float64Array,
  vs: Float64Array,
  lo: number,
  hi: number,
  w: Window,
): number | undefined {
  const [sf, tf] = w.params;
  if (!(sf > 0 && sf < 1)) {
    throw new QueryError(
      'execution',
      `invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`,
    );
  }
  if (!(tf > 0 && tf < 1)) {
    throw new QueryError('execution', `invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  }
  if (hi - lo < 2) {
    return undefined;
  }
  let s0 = 0;
  let s1 = vs[lo];
  let b = vs[lo + 1] - vs[lo];
  for (let i = 1; i < hi - lo; i++) {
    const x = sf * vs[lo + i];
    if (i > 1) {
      b = tf * (s1 - s0) + (1 - tf) * b;
    }
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

const KERNELS: ReadonlyMap<string, Kernel> = new Map<string, Kernel>([
  ['rate', extrapolatedRate(true, true)],
  ['increase', extrapolatedRate(true, false)],
  ['delta', extrapolatedRate(false, false)],
  ['irate', instantValue(true)],
  ['idelta', instantValue(false)],
  ['deriv', (ts, vs, lo, hi) => (hi - lo < 2 ? undefined : linearRegression(ts, vs, lo, hi, ts[lo])[0])],
  [
    'predict_linear',
    (ts, vs, lo, hi, w) => {
      if (hi - lo < 2) {
        return undefined;
      }
      const [slope, intercept] = linearRegression(ts, vs, lo, hi, w.evalTime);
      return slope * w.params[0] + intercept;
    },
  ],
  ['holt_winters', holtWinters],
  [
    'resets',
    (_ts, vs, lo, hi) => {
      let n = 0;
      for (let i = lo + 1; i < hi; i++) {
        if (vs[i] < vs[i - 1]) {
          n++;
        }
      }
      return n;
    },
  ],
  [
    'changes',
    (_ts, vs, lo, hi) => {
      let n = 0;
      for (let i = lo + 1; i < hi; i++) {
        const cur = vs[i];
        const prev = vs[i - 1];
        if (!(cur === prev || (Number.isNaN(cur) && Number.isNaN(prev)))) {
          n++;
        }
      }
      return n;
    },
  ],
  ['avg_over_time', avgOverTime],
  [
    'sum_over_time',
    (_ts, vs, lo, hi) => {
      let sum = 0;
      let c = 0;
      for (let i = lo; i < hi; i++) {
        const t = sum + vs[i];
        c = kahanComp(vs[i], sum, t, c);
        sum = t;
      }
      return Number.isFinite(sum) ? sum + c : sum;
    },
  ],
  [
    'min_over_time',
    (_ts, vs, lo, hi) => {
      let m = vs[lo];
      for (let i = lo; i < hi; i++) {
        if (vs[i] < m || Number.isNaN(m)) {
          m = vs[i];
        }
      }
      return m;
    },
  ],
  [
    'max_over_time',
    (_ts, vs, lo, hi) => {
      let m = vs[lo];
      for (let i = lo; i < hi; i++) {
        if (vs[i] > m || Number.isNaN(m)) {
          m = vs[i];
        }
      }
      return m;
    },
  ],
  ['count_over_time', (_ts, _vs, lo, hi) => hi - lo],
  ['last_over_time', (_ts, vs, _lo, hi) => vs[hi - 1]],
  ['present_over_time', () => 1],
  ['stdvar_over_time', (_ts, vs, lo, hi) => variance(vs, lo, hi)],
  ['stddev_over_time', (_ts, vs, lo, hi) => Math.sqrt(variance(vs, lo, hi))],
  ['quantile_over_time', (_ts, vs, lo, hi, w) => quantile(w.params[0], Array.from(vs.subarray(lo, hi)))],
]);

function kernel(name: string): Kernel {
  const k = KERNELS.get(name);
  if (k === undefined) {
    throw new Error(`no range kernel ${name}`);
  }
  return k;
}

const kRate = kernel('rate');
const kIncrease = kernel('increase');
const kDelta = kernel('delta');
const kIrate = kernel('irate');
const kIdelta = kernel('idelta');
const kDeriv = kernel('deriv');
const kPredictLinear = kernel('predict_linear');
const kHoltWinters = kernel('holt_winters');
const kResets = kernel('resets');
const kChanges = kernel('changes');
const kAvgOverTime = kernel('avg_over_time');
const kSumOverTime = kernel('sum_over_time');
const kMinOverTime = kernel('min_over_time');
const kMaxOverTime = kernel('max_over_time');
const kCountOverTime = kernel('count_over_time');
const kLastOverTime = kernel('last_over_time');
const kPresentOverTime = kernel('present_over_time');
const kStdvarOverTime = kernel('stdvar_over_time');
const kStddevOverTime = kernel('stddev_over_time');
const kQuantileOverTime = kernel('quantile_over_time');

// Written out one by one on purpose: one shared wrapper would make the kernel call megamorphic again.
export const RANGE_FUNCTIONS: ReadonlyMap<string, RangeFunction> = new Map<string, RangeFunction>([
  ['rate', (ts, vs, lo, hi, w, out) => put(out, kRate(ts, vs, lo, hi, w))],
  ['increase', (ts, vs, lo, hi, w, out) => put(out, kIncrease(ts, vs, lo, hi, w))],
  ['delta', (ts, vs, lo, hi, w, out) => put(out, kDelta(ts, vs, lo, hi, w))],
  ['irate', (ts, vs, lo, hi, w, out) => put(out, kIrate(ts, vs, lo, hi, w))],
  ['idelta', (ts, vs, lo, hi, w, out) => put(out, kIdelta(ts, vs, lo, hi, w))],
  ['deriv', (ts, vs, lo, hi, w, out) => put(out, kDeriv(ts, vs, lo, hi, w))],
  ['predict_linear', (ts, vs, lo, hi, w, out) => put(out, kPredictLinear(ts, vs, lo, hi, w))],
  ['holt_winters', (ts, vs, lo, hi, w, out) => put(out, kHoltWinters(ts, vs, lo, hi, w))],
  ['resets', (ts, vs, lo, hi, w, out) => put(out, kResets(ts, vs, lo, hi, w))],
  ['changes', (ts, vs, lo, hi, w, out) => put(out, kChanges(ts, vs, lo, hi, w))],
  ['avg_over_time', (ts, vs, lo, hi, w, out) => put(out, kAvgOverTime(ts, vs, lo, hi, w))],
  ['sum_over_time', (ts, vs, lo, hi, w, out) => put(out, kSumOverTime(ts, vs, lo, hi, w))],
  ['min_over_time', (ts, vs, lo, hi, w, out) => put(out, kMinOverTime(ts, vs, lo, hi, w))],
  ['max_over_time', (ts, vs, lo, hi, w, out) => put(out, kMaxOverTime(ts, vs, lo, hi, w))],
  ['count_over_time', (ts, vs, lo, hi, w, out) => put(out, kCountOverTime(ts, vs, lo, hi, w))],
  ['last_over_time', (ts, vs, lo, hi, w, out) => put(out, kLastOverTime(ts, vs, lo, hi, w))],
  ['present_over_time', (ts, vs, lo, hi, w, out) => put(out, kPresentOverTime(ts, vs, lo, hi, w))],
  ['stdvar_over_time', (ts, vs, lo, hi, w, out) => put(out, kStdvarOverTime(ts, vs, lo, hi, w))],
  ['stddev_over_time', (ts, vs, lo, hi, w, out) => put(out, kStddevOverTime(ts, vs, lo, hi, w))],
  ['quantile_over_time', (ts, vs, lo, hi, w, out) => put(out, kQuantileOverTime(ts, vs, lo, hi, w))],
]);
