import { Binary, COMPARISON_OPS, VectorMatching } from '../ast/ast';
import { goPow } from '../functions/math-functions';
import { dropName, formatLabels, labelKey, omit, pick, signature } from './labels';
import { QueryError } from './query-error';
import { SeriesCollector, mergeSameLabels } from './series-set';
import { StepArrays } from './step-arrays';
import { StepSeries } from './types';
import { Labels } from '@neo/domain-metric';

/** Arithmetic value, or for comparisons whether the pair passes (value = lhs). */
export function applyOp(op: Binary['op'], l: number, r: number): [number, boolean] {
  switch (op) {
    case '+':
      return [l + r, true];
    case '-':
      return [l - r, true];
    case '*':
      return [l * r, true];
    case '/':
      return [l / r, true];
    case '%':
      return [l % r, true];
    case '^':
      return [goPow(l, r), true];
    case 'atan2':
      return [Math.atan2(l, r), true];
    case '==':
      return [l, l === r];
    case '!=':
      return [l, l !== r];
    case '>':
      return [l, l > r];
    case '<':
      return [l, l < r];
    case '>=':
      return [l, l >= r];
    case '<=':
      return [l, l <= r];
    default:
      throw new QueryError('execution', `operator "${op}" not allowed here`);
  }
}

/** Prometheus 2.x keeps the metric name for atan2 (it is missing from shouldDropMetricName). */
function dropsName(e: Binary): boolean {
  return e.bool || (!COMPARISON_OPS.has(e.op) && e.op !== 'atan2');
}

/** Scalar-scalar: comparisons always carry `bool` (the parser enforces it). */
export function scalarBinary(e: Binary, l: Float64Array, r: Float64Array): Float64Array {
  const out = new Float64Array(l.length);
  for (let i = 0; i < l.length; i++) {
    const [v, keep] = applyOp(e.op, l[i], r[i]);
    out[i] = COMPARISON_OPS.has(e.op) ? (keep ? 1 : 0) : v;
  }
  return out;
}

/** Whether `l op r` holds, for the comparison operators. */
function compare(op: Binary['op'], l: number, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    default:
      return l <= r;
  }
}

/**
 * Vector-scalar (or scalar-vector when `scalarLeft`). A filtering comparison (no `bool`) keeps the
 * vector element's value where the comparison holds; it is evaluated without applyOp's pair per step,
 * and a series with no step kept is left out (it would contribute nothing), so `up == 0` over many
 * healthy targets builds almost nothing.
 */
export function vectorScalarBinary(
  e: Binary,
  vec: StepSeries[],
  sc: Float64Array,
  scalarLeft: boolean,
  n: number,
): StepSeries[] {
  const cmp = COMPARISON_OPS.has(e.op);
  const drop = dropsName(e);
  const arrays = new StepArrays(n);
  const out: StepSeries[] = [];
  if (cmp && !e.bool) {
    const op = e.op;
    for (const s of vec) {
      let values: Float64Array | undefined;
      let present: Uint8Array | undefined;
      for (let i = 0; i < n; i++) {
        if (s.present[i] === 0) {
          continue;
        }
        const vv = s.values[i];
        if (scalarLeft ? compare(op, sc[i], vv) : compare(op, vv, sc[i])) {
          if (values === undefined || present === undefined) {
            values = arrays.values();
            present = arrays.present();
          }
          values[i] = vv;
          present[i] = 1;
        }
      }
      if (values !== undefined && present !== undefined) {
        out.push({ labels: s.labels, values, present });
      }
    }
    return out;
  }
  for (const s of vec) {
    const values = arrays.values();
    const present = arrays.present();
    for (let i = 0; i < n; i++) {
      if (s.present[i] === 0) {
        continue;
      }
      const vv = s.values[i];
      let [v, keep] = scalarLeft ? applyOp(e.op, sc[i], vv) : applyOp(e.op, vv, sc[i]);
      if (cmp && scalarLeft) {
        v = vv; // the vector element's value is kept, whichever side it is on
      }
      if (e.bool) {
        v = keep ? 1 : 0;
        keep = true;
      }
      if (keep) {
        values[i] = v;
        present[i] = 1;
      }
    }
    out.push({ labels: drop ? dropName(s.labels) : s.labels, values, present });
  }
  return drop ? mergeSameLabels(out, n) : out;
}

function sigOf(m: VectorMatching): (l: Labels) => string {
  return (l) => signature(l, m.labels, m.on);
}

/** and / or / unless, per step. */
export function setBinary(e: Binary, lhs: StepSeries[], rhs: StepSeries[], n: number): StepSeries[] {
  const m = e.matching as VectorMatching;
  const sig = sigOf(m);
  const lsig = lhs.map((s) => sig(s.labels));
  const rsig = rhs.map((s) => sig(s.labels));
  const out = new SeriesCollector(n);
  const lkeys = lhs.map((s) => labelKey(s.labels));
  const rkeys = rhs.map((s) => labelKey(s.labels));
  for (let i = 0; i < n; i++) {
    const rightAt = new Set<string>();
    rhs.forEach((s, j) => s.present[i] === 1 && rightAt.add(rsig[j]));
    const leftAt = new Set<string>();
    lhs.forEach((s, j) => {
      if (s.present[i] === 0) {
        return;
      }
      leftAt.add(lsig[j]);
      const has = rightAt.has(lsig[j]);
      if (e.op === 'or' || (e.op === 'and' && has) || (e.op === 'unless' && !has)) {
        out.set(s.labels, lkeys[j], i, s.values[i]);
      }
    });
    if (e.op === 'or') {
      rhs.forEach((s, j) => {
        if (s.present[i] === 1 && !leftAt.has(rsig[j])) {
          out.set(s.labels, rkeys[j], i, s.values[i]);
        }
      });
    }
  }
  return out.series();
}

/** Result labels of a matched pair, as Prometheus' resultMetric. */
function resultLabels(many: Labels, one: Labels, e: Binary, m: VectorMatching): Labels {
  let l = many;
  if (dropsName(e)) {
    l = dropName(l);
  }
  if (m.card === 'one-to-one') {
    l = m.on ? pick(l, m.labels) : omit(l, m.labels);
  }
  if (m.include.length > 0) {
    const out: Record<string, string> = { ...l };
    for (const name of m.include) {
      const v = one[name];
      if (v !== undefined && v !== '') {
        out[name] = v;
      } else {
        delete out[name];
      }
    }
    l = out;
  }
  return l;
}

/** Arithmetic and comparison between two instant vectors with on/ignoring/group_x matching. */
export function vectorBinary(e: Binary, lhsIn: StepSeries[], rhsIn: StepSeries[], n: number): StepSeries[] {
  const m = e.matching as VectorMatching;
  const swap = m.card === 'one-to-many';
  const [many, one] = swap ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const sig = sigOf(m);
  const manySig = many.map((s) => sig(s.labels));
  const oneSig = one.map((s) => sig(s.labels));
  const out = new SeriesCollector(n);
  const labelCache = new Map<string, [Labels, string]>();
  for (let i = 0; i < n; i++) {
    const oneAt = new Map<string, number>();
    one.forEach((s, j) => {
      if (s.present[i] === 0) {
        return;
      }
      const prev = oneAt.get(oneSig[j]);
      if (prev !== undefined) {
        throw new QueryError(
          'execution',
          `found duplicate series for the match group ${formatLabels(pick(s.labels, m.on ? m.labels : []))} on the ${swap ? 'left' : 'right'} hand-side of the operation: [${formatLabels(s.labels)}, ${formatLabels(one[prev].labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
        );
      }
      oneAt.set(oneSig[j], j);
    });
    const matched = new Map<string, Set<string>>();
    many.forEach((s, j) => {
      if (s.present[i] === 0) {
        return;
      }
      const o = oneAt.get(manySig[j]);
      if (o === undefined) {
        return;
      }
      let vl = s.values[i];
      let vr = one[o].values[i];
      if (swap) {
        [vl, vr] = [vr, vl];
      }
      let [v, keep] = applyOp(e.op, vl, vr);
      if (e.bool) {
        v = keep ? 1 : 0;
        keep = true;
      }
      if (!keep) {
        return;
      }
      const cacheKey = `${j}\x00${o}`;
      let cached = labelCache.get(cacheKey);
      if (cached === undefined) {
        const labels = resultLabels(s.labels, one[o].labels, e, m);
        cached = [labels, labelKey(labels)];
        labelCache.set(cacheKey, cached);
      }
      const [labels, key] = cached;
      let inserted = matched.get(manySig[j]);
      if (m.card === 'one-to-one') {
        if (inserted !== undefined) {
          throw new QueryError(
            'execution',
            'multiple matches for labels: grouping labels must ensure unique matches',
          );
        }
        matched.set(manySig[j], new Set());
      } else {
        if (inserted === undefined) {
          inserted = new Set();
          matched.set(manySig[j], inserted);
        } else if (inserted.has(key)) {
          throw new QueryError(
            'execution',
            'multiple matches for labels: grouping labels must ensure unique matches',
          );
        }
        inserted.add(key);
      }
      out.set(labels, key, i, v);
    });
  }
  return out.series();
}
