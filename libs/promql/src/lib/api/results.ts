import { Labels } from '@neo/domain-metric';

/** One point: timestamp in ms, float value. */
export interface Point {
  readonly t: number;
  readonly v: number;
}

export interface InstantSample {
  readonly labels: Labels;
  readonly t: number;
  readonly v: number;
}

export interface SeriesResult {
  readonly labels: Labels;
  readonly points: Point[];
}

/** A query's typed result, as Prometheus' parser.Value kinds. */
export type QueryResult =
  | { readonly resultType: 'scalar'; readonly t: number; readonly v: number }
  | { readonly resultType: 'string'; readonly t: number; readonly v: string }
  | { readonly resultType: 'vector'; readonly samples: InstantSample[] }
  | { readonly resultType: 'matrix'; readonly series: SeriesResult[] };
