import { Labels } from '@neo/domain-metric';
import { AtModifier, VectorSelector } from '../ast/ast';
import { isStaleNaN } from '../storage/queryable';
import { EvalContext } from './context';
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

interface Loaded {
  labels: Labels;
  ts: Float64Array;
  vs: Float64Array;
  stale: Uint8Array;
}

/** Reads each matching series once over [minT, maxT] into flat arrays (one pass per query node). */
function load(
  ctx: EvalContext,
  sel: VectorSelector,
  minT: number,
  maxT: number,
  keepStale: boolean,
): Loaded[] {
  const out: Loaded[] = [];
  const ts: number[] = [];
  const vs: number[] = [];
  const stale: number[] = [];
  for (const s of ctx.queryable.select({ matchers: sel.matchers, minT, maxT })) {
    ctx.checkDeadline();
    ctx.addSeries(1);
    ts.length = 0;
    vs.length = 0;
    stale.length = 0;
    const it = s.iterator();
    let ok = it.seek(minT);
    while (ok && it.t <= maxT) {
      const v = it.v;
      const isStale = isStaleNaN(v);
      if (keepStale || !isStale) {
        ts.push(it.t);
        vs.push(isStale ? NaN : v);
        stale.push(isStale ? 1 : 0);
      }
      ok = it.next();
    }
    if (ts.length > 0) {
      ctx.addSamples(ts.length);
      out.push({
        labels: s.labels,
        ts: Float64Array.from(ts),
        vs: Float64Array.from(vs),
        stale: Uint8Array.from(stale),
      });
    }
  }
  return out;
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
export function evalVectorSelector(ctx: EvalContext, sel: VectorSelector, grid: Grid): StepSeries[] {
  const refs = refTimes(ctx, grid, sel.at, sel.offset);
  if (grid.n === 0) {
    return [];
  }
  const [lo, hi] = bounds(refs);
  const out: StepSeries[] = [];
  for (const s of load(ctx, sel, lo - ctx.lookbackMs, hi, true)) {
    const values = new Float64Array(grid.n);
    const present = new Uint8Array(grid.n);
    const sampleTimes = new Float64Array(grid.n);
    let j = -1;
    let any = false;
    for (let i = 0; i < grid.n; i++) {
      const ref = refs[i];
      if (j >= 0 && s.ts[j] > ref) {
        j = -1; // @ times are constant, but be safe if refs ever go backwards
      }
      while (j + 1 < s.ts.length && s.ts[j + 1] <= ref) {
        j++;
      }
      if (j >= 0 && s.ts[j] >= ref - ctx.lookbackMs && s.stale[j] === 0) {
        values[i] = s.vs[j];
        present[i] = 1;
        sampleTimes[i] = s.ts[j];
        any = true;
      }
    }
    if (any) {
      ctx.addSamples(grid.n);
      out.push({ labels: s.labels, values, present, sampleTimes });
    }
  }
  return out;
}

/** The series of a range selector, covering every step's window, staleness markers dropped. */
export function loadRange(
  ctx: EvalContext,
  sel: VectorSelector,
  range: number,
  windowEnds: Float64Array,
): RangeSeries[] {
  if (windowEnds.length === 0) {
    return [];
  }
  const [lo, hi] = bounds(windowEnds);
  return load(ctx, sel, lo - range, hi, false).map((s) => ({ labels: s.labels, ts: s.ts, vs: s.vs }));
}
