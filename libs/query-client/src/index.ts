export { DEFAULT_QUERY_URL, PrometheusQueryClient } from './lib/prometheus-query-client';
export type { QueryAuth, QueryClientOptions } from './lib/prometheus-query-client';
export { QueryError } from './lib/query-error';
export type { QueryErrorKind } from './lib/query-error';
export type {
  InstantQueryResult,
  RangeQueryResult,
  RangeSeries,
  ScalarSample,
  VectorSample,
} from './lib/query-result';
export { parseInstantData, parseRangeData } from './lib/parse-response';
