import { compareBytes, isValidLabelName, Labels } from '@neo/domain-metric';
import { Aggregate } from '../ast/ast';
import { formatFloatF } from '../functions/go-format';
import { byValueNaNFirst, quantile } from '../functions/stats';
import { labelKey, pick, without } from './labels';
import { QueryError } from './query-error';
import { SeriesCollector } from './series-set';
import { StepSeries } from './types';

interface Group {
  labels: Labels;
  key: string;
  members: number[];
}

function groupSeries(e: Aggregate, input: StepSeries[]): Group[] {
  const groups = new Map<string, Group>();
  // `by`: the key is built from the grouping labels directly (names sorted once), equal to
  // labelKey(pick(...)), and the labels object only made for a new group: no per-series objects.
  const byNames = e.without ? undefined : [...new Set(e.grouping)].sort(compareBytes);
  input.forEach((s, j) => {
    let labels: Labels | undefined;
    let key: string;
    if (byNames === undefined) {
      labels = without(s.labels, e.grouping);
      key = labelKey(labels);
    } else {
      key = '';
      for (const n of byNames) {
        const v = s.labels[n];
        if (v !== undefined && v !== '') {
          key += `${n}\xff${v}\xfe`;
        }
      }
    }
    let g = groups.get(key);
    if (g === undefined) {
      g = { labels: labels ?? pick(s.labels, e.grouping), key, members: [] };
      groups.set(key, g);
    }
    g.members.push(j);
  });
  return [...groups.values()];
}

/** sum/avg/min/max/count/group/stddev/stdvar: series-major streaming, one state array per group. */
function streaming(op: Aggregate['op'], input: StepSeries[], g: Group, n: number): StepSeries {
  const value = new Float64Array(n);
  const mean = new Float64Array(n);
  const count = new Float64Array(n);
  // sum, the most common aggregation, gets its own loop without the per-step operator switch.
  const sum = op === 'sum';
  for (const j of g.members) {
    const s = input[j];
    if (sum) {
      const present = s.present;
      const values = s.values;
      for (let i = 0; i < n; i++) {
        if (present[i] === 1) {
          value[i] = count[i]++ === 0 ? values[i] : value[i] + values[i];
        }
      }
      continue;
    }
    for (let i = 0; i < n; i++) {
      if (s.present[i] === 0) {
        continue;
      }
      const v = s.values[i];
      const c = ++count[i];
      if (c === 1) {
        value[i] = op === 'count' || op === 'group' ? 1 : op === 'stddev' || op === 'stdvar' ? 0 : v;
        mean[i] = v;
        continue;
      }
      switch (op) {
        case 'avg': {
          const m = mean[i];
          if (!Number.isFinite(m) && !Number.isNaN(m)) {
            if ((!Number.isFinite(v) && !Number.isNaN(v) && m > 0 === v > 0) || Number.isFinite(v)) {
              break;
            }
          }
          mean[i] = m + v / c - m / c;
          break;
        }
        case 'min':
          if (value[i] > v || Number.isNaN(value[i])) {
            value[i] = v;
          }
          break;
        case 'max':
          if (value[i] < v || Number.isNaN(value[i])) {
            value[i] = v;
          }
          break;
        case 'count':
          value[i] = c;
          break;
        case 'stddev':
        case 'stdvar': {
          const delta = v - mean[i];
          mean[i] += delta / c;
          value[i] += delta * (v - mean[i]);
          break;
        }
        default:
          break;
      }
    }
  }
  const present = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (count[i] > 0) {
      present[i] = 1;
      if (op === 'avg') {
        value[i] = mean[i];
      } else if (op === 'stdvar') {
        value[i] /= count[i];
      } else if (op === 'stddev') {
        value[i] = Math.sqrt(value[i] / count[i]);
      }
    }
  }
  return { labels: g.labels, values: value, present };
}

/**
 * topk/bottomk keep the input series' labels; NaN always loses, as in Prometheus' heaps. Walked series by
 * series (each series' steps are contiguous in memory) with the chosen set of every step kept side by
 * side; per step, members are still seen in the same order and evicted by the same rule as a step-by-step
 * walk, so the picks (and ties) are the same.
 */
function selectK(
  op: 'topk' | 'bottomk',
  input: StepSeries[],
  groups: Group[],
  k: Float64Array,
  n: number,
): StepSeries[] {
  const top = op === 'topk';
  const better = (a: number, b: number): boolean =>
    (Number.isNaN(b) && !Number.isNaN(a)) || (top ? a > b : a < b);
  let maxK = 0;
  const ks = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const kk = Math.trunc(k[i]);
    // k below 1 (or NaN) selects nothing at that step; above the series count, everything.
    ks[i] = kk >= 1 ? Math.min(kk, input.length) : 0;
    maxK = Math.max(maxK, ks[i]);
  }
  const picks = groups.map((g) => {
    const cap = Math.min(maxK, g.members.length);
    const idx = new Int32Array(n * cap);
    const val = new Float64Array(n * cap);
    const count = new Int32Array(n);
    const worst = new Int32Array(n);
    // The first of the chosen that no other chosen one is worse than: the one a better candidate evicts.
    const findWorst = (base: number, c: number): number => {
      let w = 0;
      for (let x = 1; x < c; x++) {
        if (better(val[base + w], val[base + x])) {
          w = x;
        }
      }
      return w;
    };
    for (const j of g.members) {
      const present = input[j].present;
      const values = input[j].values;
      for (let i = 0; i < n; i++) {
        const kk = Math.min(ks[i], cap);
        if (kk === 0 || present[i] === 0) {
          continue;
        }
        const v = values[i];
        const base = i * cap;
        const c = count[i];
        if (c < kk) {
          idx[base + c] = j;
          val[base + c] = v;
          count[i] = c + 1;
          if (c + 1 === kk) {
            worst[i] = findWorst(base, kk);
          }
        } else if (better(v, val[base + worst[i]])) {
          idx[base + worst[i]] = j;
          val[base + worst[i]] = v;
          worst[i] = findWorst(base, kk);
        }
      }
    }
    return { cap, idx, val, count };
  });
  const out = new SeriesCollector(n);
  // Keys only for series that get chosen at some step: usually a few of many thousands.
  const keys = new Array<string | undefined>(input.length);
  for (let i = 0; i < n; i++) {
    for (const p of picks) {
      const base = i * p.cap;
      for (let c = 0; c < p.count[i]; c++) {
        const j = p.idx[base + c];
        out.set(input[j].labels, (keys[j] ??= labelKey(input[j].labels)), i, p.val[base + c]);
      }
    }
  }
  return out.series();
}

/** Evaluates one aggregation over the grid; `param` is the scalar or string argument if any. */
export function aggregate(
  e: Aggregate,
  input: StepSeries[],
  param: Float64Array | string | undefined,
  n: number,
): StepSeries[] {
  const groups = groupSeries(e, input);
  switch (e.op) {
    case 'topk':
    case 'bottomk':
      return selectK(e.op, input, groups, param as Float64Array, n);
    case 'quantile': {
      const q = param as Float64Array;
      const out = new SeriesCollector(n);
      for (const g of groups) {
        for (let i = 0; i < n; i++) {
          const vals: number[] = [];
          for (const j of g.members) {
            if (input[j].present[i] === 1) {
              vals.push(input[j].values[i]);
            }
          }
          if (vals.length > 0) {
            out.set(g.labels, g.key, i, quantile(q[i], vals.sort(byValueNaNFirst)));
          }
        }
      }
      return out.series();
    }
    case 'count_values': {
      const label = param as string;
      if (!isValidLabelName(label)) {
        throw new QueryError('execution', `invalid label name "${label}"`);
      }
      const out = new SeriesCollector(n);
      for (const g of groups) {
        for (let i = 0; i < n; i++) {
          const counts = new Map<string, number>();
          for (const j of g.members) {
            if (input[j].present[i] === 1) {
              const v = formatFloatF(input[j].values[i]);
              counts.set(v, (counts.get(v) ?? 0) + 1);
            }
          }
          for (const [v, c] of counts) {
            const labels = { ...g.labels, [label]: v };
            out.set(labels, labelKey(labels), i, c);
          }
        }
      }
      return out.series();
    }
    default:
      return groups.map((g) => streaming(e.op, input, g, n));
  }
}
