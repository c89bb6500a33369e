import { formatPromValue } from '@neo/domain-metric';
import type { InstantVector } from './query-engine';

/** The Prometheus API's success envelope: values as strings, the evaluation time as float seconds. */
export function instantQueryResponse(vector: InstantVector, atMs: number) {
  const at = atMs / 1000;
  return {
    status: 'success' as const,
    data: {
      resultType: vector.resultType,
      result: vector.result.map((element) => ({
        metric: { ...element.metric },
        value: [at, formatPromValue(element.value)] as [number, string],
      })),
    },
  };
}

export function errorResponse(errorType: string, error: string) {
  return { status: 'error' as const, errorType, error };
}
