import { LabelMatcher, Labels } from '@neo/domain-metric';
import { Call, Expr, MatrixSelector, Subquery } from '../ast/ast';
import { exprType } from '../parser/check-types';
import { bucketQuantile, Bucket } from '../functions/histogram-quantile';
import { labelJoiner, labelReplacer } from '../functions/label-functions';
import { DATE_FUNCTIONS, MATH_FUNCTIONS } from '../functions/math-functions';
import { RANGE_FUNCTIONS } from '../functions/range-functions';
import { aggregate } from './aggregate';
import { scalarBinary, setBinary, vectorBinary, vectorScalarBinary } from './binary';
import { EvalContext } from './context';
import { dropName, labelKey, omit } from './labels';
import { QueryError } from './query-error';
import { loadRange, refTimes, evalVectorSelector, streamRange } from './selectors';
import { mergeSameLabels, relabel, SeriesCollector } from './series-set';
import { StepArrays } from './step-arrays';
import { RangeFunction, Window } from '../functions/range-functions';
import {
  Grid,
  gridTime,
  RangeInput,
  RangeSeries,
  ScalarValue,
  StepSeries,
  StepValue,
  VectorValue,
} from './types';

/** A range argument whose series may be streamed (arrays valid only until the next series). */
type RangeStream = Omit<RangeInput, 'series'> & { readonly series: Iterable<RangeSeries> };

type MutableWindow = { -readonly [K in keyof Window]: Window[K] } & { params: number[] };

/** Step-wise evaluation: every node yields its value at all grid steps at once. */
export class Evaluator {
  constructor(private readonly ctx: EvalContext) {}

  eval(e: Expr, g: Grid): StepValue {
    this.ctx.checkDeadlineNow();
    switch (e.type) {
      case 'NumberLiteral':
        return scalar(new Float64Array(g.n).fill(e.value));
      case 'StringLiteral':
        return { kind: 'string', value: e.value };
      case 'Paren':
        return this.eval(e.expr, g);
      case 'VectorSelector':
        return vector(evalVectorSelector(this.ctx, e, g));
      case 'MatrixSelector':
      case 'Subquery':
        throw new QueryError('bad_data', 'range vector cannot be evaluated as an instant value');
      case 'Unary': {
        const v = this.eval(e.expr, g);
        if (e.op === '+') {
          return v;
        }
        if (v.kind === 'scalar') {
          return scalar(v.values.map((x) => -x));
        }
        const s = this.vectorOf(v);
        return vector(
          mergeSameLabels(
            s.map((x) => ({
              labels: dropName(x.labels),
              values: x.values.map((y) => -y),
              present: x.present,
            })),
            g.n,
          ),
        );
      }
      case 'Binary':
        return this.binary(e, g);
      case 'Aggregate': {
        const input = this.vectorOf(this.eval(e.expr, g));
        let param: Float64Array | string | undefined;
        if (e.param !== undefined) {
          const p = this.eval(e.param, g);
          param = p.kind === 'string' ? p.value : this.scalarOf(p);
        }
        return vector(aggregate(e, input, param, g.n));
      }
      case 'Call':
        return this.call(e, g);
    }
  }

  private vectorOf(v: StepValue): StepSeries[] {
    if (v.kind !== 'vector') {
      throw new QueryError('execution', `expected instant vector, got ${v.kind}`);
    }
    return v.series;
  }

  private scalarOf(v: StepValue): Float64Array {
    if (v.kind !== 'scalar') {
      throw new QueryError('execution', `expected scalar, got ${v.kind}`);
    }
    return v.values;
  }

  private binary(e: Extract<Expr, { type: 'Binary' }>, g: Grid): StepValue {
    const l = this.eval(e.lhs, g);
    const r = this.eval(e.rhs, g);
    if (l.kind === 'scalar' && r.kind === 'scalar') {
      return scalar(scalarBinary(e, l.values, r.values));
    }
    if (l.kind === 'vector' && r.kind === 'vector') {
      if (e.op === 'and' || e.op === 'or' || e.op === 'unless') {
        return vector(setBinary(e, l.series, r.series, g.n));
      }
      return vector(vectorBinary(e, l.series, r.series, g.n));
    }
    if (l.kind === 'vector' && r.kind === 'scalar') {
      return vector(vectorScalarBinary(e, l.series, r.values, false, g.n));
    }
    if (l.kind === 'scalar' && r.kind === 'vector') {
      return vector(vectorScalarBinary(e, r.series, l.values, true, g.n));
    }
    throw new QueryError('execution', 'binary expression must contain only scalar and instant vector types');
  }

  /**
   * A range-vector argument as a stream of series (arrays valid until the next series): what range
   * functions need, without holding every selected series in memory at once.
   */
  private streamRange(e: MatrixSelector | Subquery, g: Grid): RangeStream {
    if (e.type === 'Subquery') {
      return this.evalRange(e, g);
    }
    const windowEnds = refTimes(this.ctx, g, e.selector.at, e.selector.offset);
    return {
      series: streamRange(this.ctx, e.selector, e.range, windowEnds),
      range: e.range,
      windowEnds,
      evalTimes: refTimes(this.ctx, g, e.selector.at, 0),
    };
  }

  /** A range-vector argument (selector or subquery) as per-series sample arrays plus windows. */
  evalRange(e: MatrixSelector | Subquery, g: Grid): RangeInput {
    const offset = e.type === 'MatrixSelector' ? e.selector.offset : e.offset;
    const at = e.type === 'MatrixSelector' ? e.selector.at : e.at;
    const windowEnds = refTimes(this.ctx, g, at, offset);
    const evalTimes = refTimes(this.ctx, g, at, 0);
    if (e.type === 'MatrixSelector') {
      return {
        series: loadRange(this.ctx, e.selector, e.range, windowEnds),
        range: e.range,
        windowEnds,
        evalTimes,
      };
    }
    return { series: this.subquerySeries(e, windowEnds), range: e.range, windowEnds, evalTimes };
  }

  private subquerySeries(e: Subquery, windowEnds: Float64Array): RangeSeries[] {
    if (windowEnds.length === 0) {
      return [];
    }
    const step = e.step ?? this.ctx.defaultStepMs;
    const lo = Math.min(...windowEnds) - e.range;
    const hi = Math.max(...windowEnds);
    // Inner steps are aligned to multiples of the step (absolute time), as in Prometheus.
    let start = step * Math.trunc(lo / step);
    if (start < lo) {
      start += step;
    }
    const n = start > hi ? 0 : Math.floor((hi - start) / step) + 1;
    const inner = this.vectorOf(this.eval(e.expr, { start, step, n }));
    const out: RangeSeries[] = [];
    for (const s of inner) {
      const ts: number[] = [];
      const vs: number[] = [];
      for (let i = 0; i < n; i++) {
        if (s.present[i] === 1) {
          ts.push(start + i * step);
          vs.push(s.values[i]);
        }
      }
      if (ts.length > 0) {
        this.ctx.addSamples(ts.length);
        out.push({ labels: s.labels, ts: Float64Array.from(ts), vs: Float64Array.from(vs) });
      }
    }
    return out;
  }

  private call(e: Call, g: Grid): StepValue {
    const f = e.func;
    const rangeFn = RANGE_FUNCTIONS.get(f);
    if (rangeFn !== undefined) {
      const rangeArg = e.args.find((a) => exprType(a) === 'range vector') as MatrixSelector | Subquery;
      const params = e.args.filter((a) => a !== rangeArg).map((a) => this.scalarOf(this.eval(a, g)));
      const range = unwrapRange(rangeArg);
      const input = this.streamRange(range, g);
      // Series of one metric name stay distinct once the name is dropped: no collision check needed.
      const oneName = range.type === 'MatrixSelector' && selectsOneName(range.selector.matchers);
      return vector(this.applyRange(f, rangeFn, input, params, g, oneName));
    }
    if (f === 'absent_over_time') {
      const input = this.evalRange(unwrapRange(e.args[0]), g);
      const labels = absentLabels(e.args[0]);
      return vector(this.absentOverTime(input, labels, g));
    }
    const math = MATH_FUNCTIONS.get(f);
    if (math !== undefined) {
      return this.mapValues(e.args[0], g, (v) => math(v), true);
    }
    const date = DATE_FUNCTIONS.get(f);
    if (date !== undefined) {
      if (e.args.length === 0) {
        const values = new Float64Array(g.n);
        for (let i = 0; i < g.n; i++) {
          values[i] = date(new Date(Math.trunc(gridTime(g, i) / 1000) * 1000));
        }
        return vector([{ labels: {}, values, present: new Uint8Array(g.n).fill(1) }]);
      }
      return this.mapValues(
        e.args[0],
        g,
        (v) => (Number.isFinite(v) ? date(new Date(Math.trunc(v) * 1000)) : NaN),
        true,
      );
    }
    switch (f) {
      case 'time': {
        const out = new Float64Array(g.n);
        for (let i = 0; i < g.n; i++) {
          out[i] = gridTime(g, i) / 1000;
        }
        return scalar(out);
      }
      case 'pi':
        return scalar(new Float64Array(g.n).fill(Math.PI));
      case 'vector': {
        const values = this.scalarOf(this.eval(e.args[0], g));
        return vector([{ labels: {}, values, present: new Uint8Array(g.n).fill(1) }]);
      }
      case 'scalar': {
        const s = this.vectorOf(this.eval(e.args[0], g));
        const out = new Float64Array(g.n);
        for (let i = 0; i < g.n; i++) {
          let count = 0;
          let v = NaN;
          for (const x of s) {
            if (x.present[i] === 1) {
              count++;
              v = x.values[i];
            }
          }
          out[i] = count === 1 ? v : NaN;
        }
        return scalar(out);
      }
      case 'timestamp': {
        const arg = unwrapParen(e.args[0]);
        const direct = arg.type === 'VectorSelector';
        const s = direct ? evalVectorSelector(this.ctx, arg, g, true) : this.vectorOf(this.eval(arg, g));
        return vector(
          mergeSameLabels(
            s.map((x) => ({
              labels: dropName(x.labels),
              present: x.present,
              values: x.values.map(
                (_, i) => (direct && x.sampleTimes !== undefined ? x.sampleTimes[i] : gridTime(g, i)) / 1000,
              ),
            })),
            g.n,
          ),
        );
      }
      case 'sort':
      case 'sort_desc':
        return this.eval(e.args[0], g);
      case 'clamp':
      case 'clamp_min':
      case 'clamp_max':
        return this.clamp(e, g);
      case 'round': {
        const to = e.args.length > 1 ? this.scalarOf(this.eval(e.args[1], g)) : new Float64Array(g.n).fill(1);
        return this.mapValues(e.args[0], g, (v, i) => Math.floor(v * (1 / to[i]) + 0.5) / (1 / to[i]), true);
      }
      case 'absent': {
        const s = this.vectorOf(this.eval(e.args[0], g));
        const values = new Float64Array(g.n).fill(1);
        const present = new Uint8Array(g.n);
        for (let i = 0; i < g.n; i++) {
          present[i] = s.some((x) => x.present[i] === 1) ? 0 : 1;
        }
        return vector([{ labels: absentLabels(e.args[0]), values, present }]);
      }
      case 'histogram_quantile':
        return vector(this.histogramQuantile(e, g));
      case 'label_replace':
      case 'label_join': {
        const s = this.vectorOf(this.eval(e.args[0], g));
        const strs = e.args.slice(1).map((a) => {
          const v = this.eval(a, g);
          return v.kind === 'string' ? v.value : '';
        });
        const fn =
          f === 'label_replace'
            ? labelReplacer(strs[0], strs[1], strs[2], strs[3])
            : labelJoiner(strs[0], strs[1], strs.slice(2));
        return vector(
          mergeSameLabels(
            s.map((x) => relabel(x, fn(x.labels))),
            g.n,
          ),
        );
      }
      default:
        throw new QueryError('bad_data', `function "${f}" is not supported`);
    }
  }

  private mapValues(arg: Expr, g: Grid, fn: (v: number, i: number) => number, drop: boolean): VectorValue {
    const s = this.vectorOf(this.eval(arg, g));
    const out = s.map((x) => ({
      labels: drop ? dropName(x.labels) : x.labels,
      present: x.present,
      values: x.values.map((v, i) => (x.present[i] === 1 ? fn(v, i) : 0)),
    }));
    return vector(drop ? mergeSameLabels(out, g.n) : out);
  }

  private clamp(e: Call, g: Grid): StepValue {
    const s = this.vectorOf(this.eval(e.args[0], g));
    const a = this.scalarOf(this.eval(e.args[1], g));
    const b = e.args.length > 2 ? this.scalarOf(this.eval(e.args[2], g)) : undefined;
    const out = s.map((x) => {
      const present = new Uint8Array(x.present);
      const values = new Float64Array(g.n);
      for (let i = 0; i < g.n; i++) {
        const v = x.values[i];
        if (e.func === 'clamp_min') {
          values[i] = Number.isNaN(v) || Number.isNaN(a[i]) ? NaN : Math.max(a[i], v);
        } else if (e.func === 'clamp_max') {
          values[i] = Number.isNaN(v) || Number.isNaN(a[i]) ? NaN : Math.min(a[i], v);
        } else {
          const max = (b as Float64Array)[i];
          if (max < a[i]) {
            present[i] = 0; // clamp with max < min returns an empty vector
          }
          values[i] = Math.max(a[i], Math.min(max, v));
        }
      }
      return { labels: dropName(x.labels), values, present };
    });
    return vector(mergeSameLabels(out, g.n));
  }

  private applyRange(
    name: string,
    fn: RangeFunction,
    input: RangeStream,
    params: Float64Array[],
    g: Grid,
    distinctWithoutName: boolean,
  ): StepSeries[] {
    const out: StepSeries[] = [];
    const keep = name === 'last_over_time';
    const ends = input.windowEnds;
    const range = input.range;
    // One window object per call, updated in place: functions read it synchronously and never keep it,
    // and allocating one (plus its params array) per series and step dominated GC on large queries.
    const stepParams = params.map(() => NaN);
    const w: MutableWindow = {
      rangeStart: 0,
      rangeEnd: 0,
      rangeMs: range,
      evalTime: 0,
      params: stepParams,
      resets: undefined,
    };
    const counter = COUNTER_FUNCTIONS.has(name);
    const result = new Float64Array(1);
    let resets = new Uint32Array(0);
    const arrays = new StepArrays(g.n);
    for (const s of input.series) {
      this.ctx.checkDeadline();
      const ts = s.ts;
      const len = ts.length;
      if (counter) {
        // Counter resets before each sample, so windows without one skip the per-sample reset scan.
        if (resets.length < len) {
          resets = new Uint32Array(Math.max(len, resets.length * 2));
        }
        countResets(s.vs, resets);
        w.resets = resets;
      }
      let values: Float64Array | undefined;
      let present: Uint8Array | undefined;
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < g.n; i++) {
        const end = ends[i];
        const start = end - range;
        if (i > 0 && end < ends[i - 1]) {
          lo = 0;
          hi = 0;
        }
        while (lo < len && ts[lo] < start) {
          lo++;
        }
        if (hi < lo) {
          hi = lo;
        }
        while (hi < len && ts[hi] <= end) {
          hi++;
        }
        if (hi > lo) {
          w.rangeStart = start;
          w.rangeEnd = end;
          w.evalTime = input.evalTimes[i];
          for (let p = 0; p < params.length; p++) {
            stepParams[p] = params[p][i];
          }
          if (fn(ts, s.vs, lo, hi, w, result)) {
            if (values === undefined || present === undefined) {
              values = arrays.values();
              present = arrays.present();
            }
            values[i] = result[0];
            present[i] = 1;
          }
        }
      }
      if (values !== undefined && present !== undefined) {
        out.push({ labels: keep ? s.labels : dropName(s.labels), values, present });
      }
    }
    return keep || distinctWithoutName ? out : mergeSameLabels(out, g.n);
  }

  private absentOverTime(input: RangeInput, labels: Labels, g: Grid): StepSeries[] {
    const values = new Float64Array(g.n).fill(1);
    const present = new Uint8Array(g.n);
    for (let i = 0; i < g.n; i++) {
      const end = input.windowEnds[i];
      const start = end - input.range;
      const found = input.series.some((s) => s.ts.some((t) => t >= start && t <= end));
      present[i] = found ? 0 : 1;
    }
    return [{ labels, values, present }];
  }

  private histogramQuantile(e: Call, g: Grid): StepSeries[] {
    const q = this.scalarOf(this.eval(e.args[0], g));
    const s = this.vectorOf(this.eval(e.args[1], g));
    const groups = new Map<string, { labels: Labels; members: Array<{ le: number; s: StepSeries }> }>();
    for (const x of s) {
      const leText = x.labels['le'];
      const le = leText === undefined ? NaN : parseGoFloat(leText);
      if (Number.isNaN(le)) {
        continue; // a series without a valid le is ignored, as in Prometheus
      }
      const labels = omit(dropName(x.labels), ['le']);
      const key = labelKey(labels);
      let grp = groups.get(key);
      if (grp === undefined) {
        grp = { labels, members: [] };
        groups.set(key, grp);
      }
      grp.members.push({ le, s: x });
    }
    const out = new SeriesCollector(g.n);
    for (const [key, grp] of groups) {
      for (let i = 0; i < g.n; i++) {
        const buckets: Bucket[] = [];
        for (const m of grp.members) {
          if (m.s.present[i] === 1) {
            buckets.push({ upperBound: m.le, count: m.s.values[i] });
          }
        }
        if (buckets.length > 0) {
          out.set(grp.labels, key, i, bucketQuantile(q[i], buckets));
        }
      }
    }
    return out.series();
  }
}

/** Functions whose result depends on counter resets inside the window (see Window.resets). */
const COUNTER_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'increase']);

/** `out[i]`: how many j in 1..i have vs[j] < vs[j-1] (the comparison rate's reset scan makes). */
function countResets(vs: Float64Array, out: Uint32Array): void {
  let n = 0;
  out[0] = 0;
  for (let i = 1; i < vs.length; i++) {
    if (vs[i] < vs[i - 1]) {
      n++;
    }
    out[i] = n;
  }
}

function scalar(values: Float64Array): ScalarValue {
  return { kind: 'scalar', values };
}

function vector(series: StepSeries[]): VectorValue {
  return { kind: 'vector', series };
}

function unwrapParen(e: Expr): Expr {
  return e.type === 'Paren' ? unwrapParen(e.expr) : e;
}

function unwrapRange(e: Expr): MatrixSelector | Subquery {
  const u = unwrapParen(e);
  if (u.type !== 'MatrixSelector' && u.type !== 'Subquery') {
    throw new QueryError('bad_data', 'expected a range vector');
  }
  return u;
}

/** Whether a selector pins the metric name (`__name__="x"`, as `x{...}` does): its series differ in other labels. */
function selectsOneName(matchers: readonly LabelMatcher[]): boolean {
  return matchers.some((m) => m.name === '__name__' && m.op === '=');
}

/** Labels absent() reports: equality matchers of a plain selector, minus names matched twice. */
function absentLabels(arg: Expr): Labels {
  const u = unwrapParen(arg);
  const sel = u.type === 'VectorSelector' ? u : u.type === 'MatrixSelector' ? u.selector : undefined;
  if (sel === undefined) {
    return {};
  }
  const out: Record<string, string> = {};
  const drop: string[] = [];
  for (const m of sel.matchers) {
    if (m.name === '__name__') {
      continue;
    }
    if (m.op === '=' && out[m.name] === undefined) {
      out[m.name] = m.value;
    } else {
      drop.push(m.name);
    }
  }
  for (const d of drop) {
    delete out[d];
  }
  return out;
}

function parseGoFloat(s: string): number {
  const lower = s.toLowerCase();
  if (lower === '+inf' || lower === 'inf') {
    return Infinity;
  }
  if (lower === '-inf') {
    return -Infinity;
  }
  const n = Number(s);
  return s.trim() === '' ? NaN : n;
}
