import type { Counter } from 'prom-client';

/** What the guard puts in place of a label value once a label has seen too many distinct values. */
export const OVERFLOW_VALUE = 'other';

/**
 * Caps the distinct values each label of each metric may take. A user id or raw URL slipping into a label
 * would otherwise create a series per value and exhaust Prometheus' memory; folding the excess into `other`
 * keeps the totals right while the overflow counter and a one-time warning point at the culprit.
 */
export class CardinalityGuard {
  private readonly seen = new Map<string, Set<string>>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly maxValuesPerLabel: number,
    private readonly overflow: Counter<'metric' | 'label'>,
    private readonly warn: (message: string) => void,
  ) {}

  /** The labels to record: unchanged while under the cap, with excess values replaced by `other`. */
  apply<L extends Record<string, string | number>>(metric: string, labels: L): L {
    let result: L | undefined;
    for (const label in labels) {
      const value = String(labels[label]);
      if (this.admit(metric, label, value)) continue;
      result ??= { ...labels };
      (result as Record<string, string | number>)[label] = OVERFLOW_VALUE;
    }
    return result ?? labels;
  }

  private admit(metric: string, label: string, value: string): boolean {
    const key = `${metric}\u0000${label}`;
    let values = this.seen.get(key);
    if (!values) {
      values = new Set();
      this.seen.set(key, values);
    }
    if (value === OVERFLOW_VALUE || values.has(value)) return true;
    if (values.size < this.maxValuesPerLabel) {
      values.add(value);
      return true;
    }
    this.overflow.inc({ metric, label });
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.warn(
        `metric ${metric}: label '${label}' exceeded ${this.maxValuesPerLabel} distinct values; ` +
          `further values are recorded as '${OVERFLOW_VALUE}' (see metric_label_overflow_total)`,
      );
    }
    return false;
  }
}
