import { formatDuration } from '@neo/domain-metric';
import {
  describeFailure,
  evaluateConditions,
  type Condition,
  type StatusExpectation,
} from '@neo/domain-check';
import type { Observation } from '../probes/observation';
import { conditionContext } from './condition-context-of';
import type { Verdict } from './verdict';

export interface HttpExpectations {
  readonly expectedStatus?: StatusExpectation;
  readonly maxLatencyMs?: number;
  readonly conditions: readonly Condition[];
}

/** Judges an HTTP observation: transport failure, expected status, max latency, then every condition. */
export function judgeHttp(expect: HttpExpectations, observed: Observation, nowMs = Date.now()): Verdict {
  const reasons: string[] = [];
  if (observed.failure !== undefined) reasons.push(observed.failure);
  else if (observed.statusCode === undefined) reasons.push('no response status');
  else if (
    expect.expectedStatus !== undefined &&
    !statusMatches(expect.expectedStatus, observed.statusCode)
  ) {
    reasons.push(`expected status ${describeExpectation(expect.expectedStatus)}, got ${observed.statusCode}`);
  }
  if (
    observed.failure === undefined &&
    expect.maxLatencyMs !== undefined &&
    observed.durationMs > expect.maxLatencyMs
  ) {
    reasons.push(
      `latency ${Math.round(observed.durationMs)}ms exceeds max_latency ${formatDuration(expect.maxLatencyMs)}`,
    );
  }
  return withConditions(reasons, expect.conditions, observed, nowMs);
}

/** Adds the conditions' failures (with actual values) to the reasons already found. */
export function withConditions(
  reasons: string[],
  conditions: readonly Condition[],
  observed: Observation,
  nowMs: number,
): Verdict {
  const { failed } = evaluateConditions(conditions, conditionContext(observed, nowMs));
  const all = [...reasons, ...failed.map(describeFailure)];
  return all.length === 0
    ? { success: true, failedConditions: [] }
    : { success: false, error: all.join('; '), failedConditions: failed };
}

export function statusMatches(expected: StatusExpectation, status: number): boolean {
  return expected === '2xx' ? status >= 200 && status <= 299 : expected.includes(status);
}

export function describeExpectation(expected: StatusExpectation): string {
  if (expected === '2xx') return '2xx';
  return expected.length === 1 ? String(expected[0]) : `one of ${expected.join(', ')}`;
}
