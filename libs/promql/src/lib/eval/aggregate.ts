import { isValidLabelName, Labels } from '@neo/domain-metric';
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
  input.forEach((s, j) => {
    const labels = e.without ? without(s.labels, e.grouping) : pick(s.labels, e.grouping);
    const key = labelKey(labels);
    let g = groups.get(key);
    if (g === undefined) {
      g = { labels, key, members: [] };
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
  for (const j of g.members) {
    const s = input[j];
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
        case 'sum':
          value[i] += v;
          break;
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

/** topk/bottomk keep the input series' labels; NaN always loses, as in Prometheus' heaps. */
function selectK(
  op: 'topk' | 'bottomk',
  input: StepSeries[],
  groups: Group[],
  k: Float64Array,
  n: number,
): StepSeries[] {
  const out = new SeriesCollector(n);
  // Keys only for series that get chosen at some step: usually a few of many thousands.
  const keys = new Array<string | undefined>(input.length);
  const values = input.map((s) => s.values);
  const present = input.map((s) => s.present);
  const top = op === 'topk';
  const better = (a: number, b: number): boolean =>
    (Number.isNaN(b) && !Number.isNaN(a)) || (top ? a > b : a < b);
  const chosen: number[] = [];
  for (let i = 0; i < n; i++) {
    const kk = Math.trunc(k[i]);
    if (!(kk >= 1)) {
      continue;
    }
    // The first of the chosen that no other chosen one is worse than: the one a better candidate evicts.
    const findWorst = (): number => {
      let worst = 0;
      for (let c = 1; c < chosen.length; c++) {
        if (better(values[chosen[worst]][i], values[chosen[c]][i])) {
          worst = c;
        }
      }
      return worst;
    };
    for (const g of groups) {
      chosen.length = 0;
      // Recomputed only when the chosen set changes, which is rare once it holds the top k.
      let worst = -1;
      for (const j of g.members) {
        if (present[j][i] === 0) {
          continue;
        }
        if (chosen.length < kk) {
          chosen.push(j);
          if (chosen.length === kk) {
            worst = findWorst();
          }
          continue;
        }
        if (better(values[j][i], values[chosen[worst]][i])) {
          chosen[worst] = j;
          worst = findWorst();
        }
      }
      for (const j of chosen) {
        out.set(input[j].labels, (keys[j] ??= labelKey(input[j].labels)), i, values[j][i]);
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
