/** Prometheus HTTP API error types the engine can produce. */
export type QueryErrorType = 'bad_data' | 'execution' | 'timeout';

/** A query that failed: the type maps onto the HTTP status (bad_data 400, execution 422, timeout 503). */
export class QueryError extends Error {
  override readonly name = 'QueryError';

  constructor(
    readonly type: QueryErrorType,
    message: string,
  ) {
    super(message);
  }
}
