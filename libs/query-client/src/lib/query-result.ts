import type { Labels } from '@neo/domain-metric';

/** One series of an instant vector, its value already a number. */
export interface VectorSample {
  readonly metric: Labels;
  readonly value: number;
  readonly timestampMs: number;
}

export interface ScalarSample {
  readonly value: number;
  readonly timestampMs: number;
}

/** An instant query's data: what the rule evaluator and dashboards consume. */
export type InstantQueryResult =
  | {
      readonly resultType: 'vector';
      readonly result: readonly VectorSample[];
      readonly warnings: readonly string[];
    }
  | { readonly resultType: 'scalar'; readonly result: ScalarSample; readonly warnings: readonly string[] };

/** One series of a range query: its samples in time order. */
export interface RangeSeries {
  readonly metric: Labels;
  readonly values: readonly ScalarSample[];
}

/** A range query's data (always a matrix). */
export interface RangeQueryResult {
  readonly resultType: 'matrix';
  readonly result: readonly RangeSeries[];
  readonly warnings: readonly string[];
}
