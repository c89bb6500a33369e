/**
 * Why a query failed. `api` is an error envelope from the server (its `errorType` is kept), `http` a non-2xx
 * answer without one, `network` a connection problem, `timeout` no answer in time, `bad_response` an answer
 * that is not the Prometheus API shape or not a result type this client handles.
 */
export type QueryErrorKind = 'api' | 'http' | 'network' | 'timeout' | 'bad_response';

/** A failed query, typed so callers can tell "the data source is down" from "the expression is wrong". */
export class QueryError extends Error {
  override readonly name = 'QueryError';

  constructor(
    readonly kind: QueryErrorKind,
    message: string,
    readonly details: { readonly status?: number; readonly errorType?: string; readonly url?: string } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get errorType(): string | undefined {
    return this.details.errorType;
  }
}
