import { Inject, Injectable } from '@nestjs/common';
import {
  createEngine,
  QueryError,
  type Engine,
  type QueryOptions,
  type QueryResult,
  type Queryable,
} from '@neo/promql';
import { SAMPLE_STORE, type SampleStore } from '../storage/sample-store';
import { ApiError } from './api-error';
import { QUERY_LIMITS, type QueryLimits } from './query-limits';

/**
 * PromQL over the store. Each query gets its own reader (a consistent view that pins the blocks it reads)
 * and closes it afterwards, so retention can never delete data under a running query.
 */
@Injectable()
export class PromqlService {
  private readonly engine: Engine;

  constructor(
    @Inject(SAMPLE_STORE) private readonly store: SampleStore,
    @Inject(QUERY_LIMITS) limits: QueryLimits,
  ) {
    this.engine = createEngine({
      timeoutMs: limits.timeoutMs,
      maxSamples: limits.maxSamples,
      maxSeries: limits.maxSeries,
      lookbackDeltaMs: limits.lookbackDeltaMs,
    });
  }

  /** `opts.timeoutMs` (the request's `timeout`) only ever shortens the configured query timeout. */
  instant(expr: string, timeMs: number, opts?: QueryOptions): QueryResult {
    return this.withReader((q) => this.engine.instantQuery(q, expr, timeMs, opts));
  }

  range(expr: string, startMs: number, endMs: number, stepMs: number, opts?: QueryOptions): QueryResult {
    return this.withReader((q) => this.engine.rangeQuery(q, expr, startMs, endMs, stepMs, opts));
  }

  private withReader(run: (q: Queryable) => QueryResult): QueryResult {
    const reader = this.store.reader();
    try {
      return run(reader);
    } catch (error) {
      // The engine's error types are the API's; anything else is a bug and becomes `internal`.
      if (error instanceof QueryError) throw new ApiError(error.type, error.message);
      throw error;
    } finally {
      reader.close();
    }
  }
}
