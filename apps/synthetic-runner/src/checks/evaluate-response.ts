import { formatDuration } from '@neo/domain-metric';
import type { HttpCheck, StatusExpectation } from './http-check';

/** What a probe saw: either a status and a duration, or a transport failure (refused, timeout, DNS...). */
export interface ProbeObservation {
  readonly durationMs: number;
  readonly statusCode?: number;
  /** Set when no complete response arrived; the text says why. */
  readonly failure?: string;
}

export interface Verdict {
  readonly success: boolean;
  /** Why the check failed, in words a person on call understands. */
  readonly error?: string;
}

/** Judges one observation against a check's expectations: the status must match and latency stay within bounds. */
export function evaluateResponse(
  check: Pick<HttpCheck, 'expectedStatus' | 'maxLatencyMs'>,
  observed: ProbeObservation,
): Verdict {
  if (observed.failure !== undefined) {
    return { success: false, error: observed.failure };
  }
  if (observed.statusCode === undefined) {
    return { success: false, error: 'no response status' };
  }
  if (!statusMatches(check.expectedStatus, observed.statusCode)) {
    return {
      success: false,
      error: `expected status ${describeExpectation(check.expectedStatus)}, got ${observed.statusCode}`,
    };
  }
  if (check.maxLatencyMs !== undefined && observed.durationMs > check.maxLatencyMs) {
    return {
      success: false,
      error: `latency ${Math.round(observed.durationMs)}ms exceeds max_latency ${formatDuration(check.maxLatencyMs)}`,
    };
  }
  return { success: true };
}

export function statusMatches(expected: StatusExpectation, status: number): boolean {
  return expected === '2xx' ? status >= 200 && status <= 299 : expected.includes(status);
}

export function describeExpectation(expected: StatusExpectation): string {
  if (expected === '2xx') return '2xx';
  return expected.length === 1 ? String(expected[0]) : `one of ${expected.join(', ')}`;
}
