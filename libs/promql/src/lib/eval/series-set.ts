import { Labels } from '@neo/domain-metric';
import { labelKey } from './labels';
import { QueryError } from './query-error';
import { StepArrays } from './step-arrays';
import { StepSeries } from './types';

/** Builds output series step by step, merging by label set. */
export class SeriesCollector {
  private readonly byKey = new Map<string, StepSeries>();
  private readonly arrays: StepArrays;

  constructor(n: number) {
    this.arrays = new StepArrays(n);
  }

  /** Sets step i of the series with these labels; a second value at the same step is an error. */
  set(labels: Labels, key: string, i: number, v: number): void {
    let s = this.byKey.get(key);
    if (s === undefined) {
      s = { labels, values: this.arrays.values(), present: this.arrays.present() };
      this.byKey.set(key, s);
    } else if (s.present[i] === 1) {
      throw new QueryError('execution', 'vector cannot contain metrics with the same labelset');
    }
    s.values[i] = v;
    s.present[i] = 1;
  }

  get(key: string): StepSeries | undefined {
    return this.byKey.get(key);
  }

  series(): StepSeries[] {
    return [...this.byKey.values()];
  }
}

/**
 * Series whose labels changed (name dropped, label_replace...) may now collide: merge them, and fail
 * like Prometheus when two of them have a sample at the same step.
 */
export function mergeSameLabels(series: StepSeries[], n: number): StepSeries[] {
  const seen = new Set<string>();
  let collision = false;
  const keys = series.map((s) => {
    const k = labelKey(s.labels);
    collision ||= seen.has(k);
    seen.add(k);
    return k;
  });
  if (!collision) {
    return series;
  }
  const out = new SeriesCollector(n);
  series.forEach((s, j) => {
    for (let i = 0; i < n; i++) {
      if (s.present[i] === 1) {
        out.set(s.labels, keys[j], i, s.values[i]);
      }
    }
  });
  return out.series();
}

/** A new series with labels replaced and the same samples. */
export function relabel(s: StepSeries, labels: Labels): StepSeries {
  return { labels, values: s.values, present: s.present };
}
