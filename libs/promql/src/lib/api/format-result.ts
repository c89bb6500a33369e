import { formatPromValue, Labels } from '@neo/domain-metric';
import { QueryResult } from './results';

type Pair = [number, string];

/** The `data` member of a Prometheus HTTP API query response. */
export type PromApiData =
  | { resultType: 'scalar' | 'string'; result: Pair }
  | { resultType: 'vector'; result: Array<{ metric: Labels; value: Pair }> }
  | { resultType: 'matrix'; result: Array<{ metric: Labels; values: Pair[] }> };

/**
 * formatPromValue, skipping its special cases and exponent rewrite where JS and Go print the same
 * digits (non-zero magnitudes in [1e-6, 1e21) print without exponent in both); large results format
 * hundreds of thousands of values, and the regex replace dominated.
 */
export function formatValue(v: number): string {
  const a = Math.abs(v);
  return a >= 1e-6 && a < 1e21 ? String(v) : formatPromValue(v);
}

/** Timestamps as float seconds (ms precision), values as Go-formatted strings. */
export function formatQueryData(r: QueryResult): PromApiData {
  const ts = (t: number): number => t / 1000;
  switch (r.resultType) {
    case 'scalar':
      return { resultType: 'scalar', result: [ts(r.t), formatPromValue(r.v)] };
    case 'string':
      return { resultType: 'string', result: [ts(r.t), r.v] };
    case 'vector':
      return {
        resultType: 'vector',
        result: r.samples.map((s) => ({ metric: s.labels, value: [ts(s.t), formatValue(s.v)] })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: r.series.map((s) => ({
          metric: s.labels,
          values: s.points.map((p): Pair => [ts(p.t), formatValue(p.v)]),
        })),
      };
  }
}
