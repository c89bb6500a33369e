import { Labels } from '@neo/domain-metric';

/** Evaluation timestamps: `start + i * step` for i < n (ms). */
export interface Grid {
  readonly start: number;
  readonly step: number;
  readonly n: number;
}

export function gridTime(g: Grid, i: number): number {
  return g.start + i * g.step;
}

/** An instant-vector series across the grid: `present[i]` says whether step i has a sample. */
export interface StepSeries {
  readonly labels: Labels;
  readonly values: Float64Array;
  readonly present: Uint8Array;
  /** Timestamps of the selected samples; only set for plain selector results (for timestamp()). */
  readonly sampleTimes?: Float64Array;
}

/** A scalar across the grid. */
export interface ScalarValue {
  readonly kind: 'scalar';
  readonly values: Float64Array;
}

export interface VectorValue {
  readonly kind: 'vector';
  readonly series: StepSeries[];
}

export interface StringValue {
  readonly kind: 'string';
  readonly value: string;
}

export type StepValue = ScalarValue | VectorValue | StringValue;

/** Samples of one range-vector series (staleness markers removed), time-ordered. */
export interface RangeSeries {
  readonly labels: Labels;
  readonly ts: Float64Array;
  readonly vs: Float64Array;
}

/** A range vector across the grid: step i sees samples in [windowEnd(i) - range, windowEnd(i)]. */
export interface RangeInput {
  readonly series: RangeSeries[];
  readonly range: number;
  /** Non-decreasing in i, so windows can be walked with two pointers. */
  readonly windowEnds: Float64Array;
  /** Evaluation time per step (the @ time if set), e.g. predict_linear's "now". */
  readonly evalTimes: Float64Array;
}
