import type { Labels } from '@neo/domain-metric';

/** Injection token of the QueryEngine the HTTP API evaluates with. */
export const QUERY_ENGINE = Symbol.for('neo.collector.query-engine');

export interface VectorElement {
  readonly metric: Labels;
  readonly value: number;
}

export interface InstantVector {
  readonly resultType: 'vector';
  readonly result: readonly VectorElement[];
}

/**
 * Evaluates an instant query at a time. The selector engine here covers `selector [op [bool] number]`;
 * the PromQL engine of a later issue implements the same interface.
 */
export interface QueryEngine {
  instantQuery(query: string, atMs: number): Promise<InstantVector>;
}

/** A query the engine cannot run; `errorType` follows the Prometheus API (`bad_data` is a 400). */
export class QueryError extends Error {
  override readonly name = 'QueryError';

  constructor(
    readonly errorType: 'bad_data' | 'execution',
    message: string,
  ) {
    super(message);
  }
}
