/** The engine limits from settings (NEO_QUERY_*), handed to the PromQL engine. */
export interface QueryLimits {
  readonly timeoutMs: number;
  readonly maxSamples: number;
  readonly maxSeries: number;
  readonly lookbackDeltaMs: number;
}

/** Injection token of the QueryLimits. */
export const QUERY_LIMITS = Symbol.for('neo.collector.query-limits');
