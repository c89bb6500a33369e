import type { ConditionContext } from '@neo/domain-check';
import type { Observation } from '../probes/observation';

/** The condition language's view of an observation. */
export function conditionContext(observed: Observation, nowMs: number): ConditionContext {
  return {
    responseTimeMs: observed.durationMs,
    nowMs,
    ...(observed.statusCode !== undefined ? { statusCode: observed.statusCode } : {}),
    ...(observed.body !== undefined ? { body: observed.body } : {}),
    ...(observed.headers !== undefined ? { headers: observed.headers } : {}),
    ...(observed.certificateExpiresAtMs !== undefined
      ? { certificateExpiresAtMs: observed.certificateExpiresAtMs }
      : {}),
    ...(observed.connected !== undefined ? { connected: observed.connected } : {}),
    ...(observed.ip !== undefined ? { ip: observed.ip } : {}),
    ...(observed.dnsRcode !== undefined ? { dnsRcode: observed.dnsRcode } : {}),
  };
}
