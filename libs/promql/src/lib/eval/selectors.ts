import { Labels } from '@neo/domain-metric';
import { AtModifier, VectorSelector } from '../ast/ast';
import { isStaleNaN } from '../storage/queryable';
import { EvalContext } from './context';
import { StepArrays } from './step-arrays';
import { Grid, gridTime, RangeSeries, StepSeries } from './types';

/** Reference time per step: the @ time (if any) or the step time, minus the offset. */
export function refTimes(
  ctx: EvalContext,
  grid: Grid,
  at: AtModifier | undefined,
  offset: number,
): Float64Array {
  const out = new Float64Array(grid.n);
  const fixed = resolveAt(ctx, at);
  for (let i = 0; i < grid.n; i++) {
    out[i] = (fixed ?? gridTime(grid, i)) - offset;
  }
  return out;
}

export function resolveAt(ctx: EvalContext, at: AtModifier | undefined): number | undefined {
  if (at === undefined) {
    return undefined;
  }
  return at.kind === 'time' ? at.ms : at.kind === 'start' ? ctx.queryStart : ctx.queryEnd;
}

/**
 * One series as read from storage. `ts`/`vs`/`stale` are views of scratch buffers reused for the next
 * series: consumers use them before advancing, or copy.
 */
interface Scanned {
  labels: Labels;
  ts: Float64Array;
  vs: Float64Array;
  /** 1 where the sample is a staleness marker; undefined when the series has none. */
  stale: Uint8Array | undefined;
}

/**
 * Scratch space reused across series and queries, so reading a series allocates nothing (no growth,
 * no boxing); on large selections the per-series copies were most of the garbage collector's work.
 */
let scratchT = new Float64Array(1024);
let scratchV = new Float64Array(1024);
let scratchS = new Uint8Array(1024);

function growScratch(): void {
  const t = new Float64Array(scratchT.length * 2);
  t.set(scratchT);
  scratchT = t;
  const v = new Float64Array(scratchV.length * 2);
  v.set(scratchV);
  scratchV = v;
  const st = new Uint8Array(scratchS.length * 2);
  st.set(scratchS);
  scratchS = st;
}

/**
 * Reads each matching series once over [minT, maxT] (one pass per query node). Staleness markers become
 * NaN flagged in `stale` if `keepStale`, else they are dropped. Not re-entrant: the scratch buffers are
 * shared, so a scan must be consumed (or abandoned) before the next starts, which evaluation order
 * guarantees (a node's arguments are evaluated before its selector is scanned).
 */
function* scan(
  ctx: EvalContext,
  sel: VectorSelector,
  minT: number,
  maxT: number,
  keepStale: boolean,
): Generator<Scanned> {
  for (const s of ctx.queryable.select({ matchers: sel.matchers, minT, maxT })) {
    ctx.checkDeadline();
    ctx.addSeries(1);
    const it = s.iterator();
    let n = 0;
    let anyStale = false;
    let ok = it.seek(minT);
    while (ok) {
      const t = it.t;
      if (t > maxT) {
        break;
      }
      const v = it.v;
      // NaN is rare: only then pay for the staleness check.
      const isStale = v !== v && isStaleNaN(v);
      if (!isStale || keepStale) {
        if (n === scratchT.length) {
          growScratch();
        }
        scratchT[n] = t;
        scratchV[n] = isStale ? NaN : v;
        scratchS[n++] = isStale ? 1 : 0;
        anyStale ||= isStale;
      }
      ok = it.next();
    }
    if (n > 0) {
      ctx.addSamples(n);
      yield {
        labels: s.labels,
        ts: scratchT.subarray(0, n),
        vs: scratchV.subarray(0, n),
        stale: anyStale ? scratchS.subarray(0, n) : undefined,
      };
    }
  }
}

function bounds(times: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of times) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  return [lo, hi];
}

/** An instant-vector selector over the grid: the newest sample within the lookback, unless stale. */
export function evalVectorSelector(
  ctx: EvalContext,
  sel: VectorSelector,
  grid: Grid,
  /** Also record each step's sample timestamp (only timestamp() needs them). */
  withTimes = false,
): StepSeries[] {
  const refs = refTimes(ctx, grid, sel.at, sel.offset);
  if (grid.n === 0) {
    return [];
  }
  const [lo, hi] = bounds(refs);
  const out: StepSeries[] = [];
  const lookback = ctx.lookbackMs;
  const arrays = new StepArrays(grid.n);
  for (const s of scan(ctx, sel, lo - lookback, hi, true)) {
    const { ts, vs, stale } = s;
    const len = ts.length;
    // Allocated on the first step with a sample: series with none in range cost nothing.
    let values: Float64Array | undefined;
    let present: Uint8Array | undefined;
    let sampleTimes: Float64Array | undefined;
    let j = -1;
    for (let i = 0; i < grid.n; i++) {
      const ref = refs[i];
      if (j >= 0 && ts[j] > ref) {
        j = -1; // @ times are constant, but be safe if refs ever go backwards
      }
      while (j + 1 < len && ts[j + 1] <= ref) {
        j++;
      }
      if (j >= 0 && ts[j] >= ref - lookback && (stale === undefined || stale[j] === 0)) {
        if (values === undefined || present === undefined) {
          values = arrays.values();
          present = arrays.present();
          sampleTimes = withTimes ? arrays.values() : undefined;
        }
        values[i] = vs[j];
        present[i] = 1;
        if (sampleTimes !== undefined) {
          sampleTimes[i] = ts[j];
        }
      }
    }
    if (values !== undefined && present !== undefined) {
      ctx.addSamples(grid.n);
      out.push({ labels: s.labels, values, present, sampleTimes });
    }
  }
  return out;
}

/**
 * The series of a range selector, covering every step's window, staleness markers dropped, streamed:
 * each series' arrays are only valid until the next one is read (see {@link loadRange} for copies).
 */
export function* streamRange(
  ctx: EvalContext,
  sel: VectorSelector,
  range: number,
  windowEnds: Float64Array,
): Generator<RangeSeries> {
  if (windowEnds.length === 0) {
    return;
  }
  const [lo, hi] = bounds(windowEnds);
  yield* scan(ctx, sel, lo - range, hi, false);
}

/** As {@link streamRange}, each series copied out. */
export function loadRange(
  ctx: EvalContext,
  sel: VectorSelector,
  range: number,
  windowEnds: Float64Array,
): RangeSeries[] {
  const out: RangeSeries[] = [];
  for (const s of streamRange(ctx, sel, range, windowEnds)) {
    out.push({ labels: s.labels, ts: s.ts.slice(), vs: s.vs.slice() });
  }
  return out;
}
