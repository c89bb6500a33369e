import type { CheckResultV1, CheckStateV1 } from '@neo/contracts';
import { checkTarget, type Check } from '@neo/domain-check';
import type { Verdict } from '../judging/verdict';
import type { Observation } from '../probes/observation';

export interface RunFacts {
  readonly startedAt: Date;
  readonly observation: Observation;
  readonly verdict: Verdict;
  readonly attempts: number;
  readonly muted: boolean;
  readonly latenessMs?: number;
  readonly runner?: string;
}

const seconds = (ms: number): number => Math.round(Math.max(0, ms) * 1000) / 1e6;

/** The state a run leaves the check in: muted maintenance first, then down, degraded (slow pass) or up. */
export function stateOf(
  check: Check,
  facts: Pick<RunFacts, 'verdict' | 'observation' | 'muted'>,
): CheckStateV1 {
  if (facts.muted) return 'maintenance';
  if (!facts.verdict.success) return 'down';
  if (check.degradedAfterMs !== undefined && facts.observation.durationMs > check.degradedAfterMs)
    return 'degraded';
  return 'up';
}

/** The `neo.check.result.v1` payload for one finished run. */
export function toCheckResult(check: Check, facts: RunFacts): CheckResultV1 {
  const { observation: o, verdict } = facts;
  const phases = o.phases;
  return {
    checkId: check.name,
    name: check.name,
    kind: check.kind,
    target: checkTarget(check),
    success: verdict.success,
    ...(o.statusCode !== undefined ? { statusCode: o.statusCode } : {}),
    durationSeconds: seconds(o.durationMs),
    ...(verdict.error !== undefined ? { error: verdict.error } : {}),
    startedAt: facts.startedAt.toISOString(),
    labels: { ...check.labels },
    state: stateOf(check, facts),
    ...(phases
      ? {
          phases: {
            resolve: seconds(phases.resolve),
            connect: seconds(phases.connect),
            tls: seconds(phases.tls),
            processing: seconds(phases.processing),
            transfer: seconds(phases.transfer),
          },
        }
      : {}),
    ...(o.certificateExpiresAtMs !== undefined
      ? { certificateExpiry: new Date(o.certificateExpiresAtMs).toISOString() }
      : {}),
    ...(o.dnsLookupMs !== undefined ? { dnsLookupSeconds: seconds(o.dnsLookupMs) } : {}),
    ...(o.redirects !== undefined ? { redirects: o.redirects } : {}),
    ...(verdict.failedConditions.length > 0
      ? { failedConditions: verdict.failedConditions.map(({ condition, actual }) => ({ condition, actual })) }
      : {}),
    ...(o.steps !== undefined ? { steps: [...o.steps] } : {}),
    ...(o.failedStep !== undefined ? { failedStep: o.failedStep } : {}),
    ...(facts.latenessMs !== undefined ? { latenessSeconds: seconds(facts.latenessMs) } : {}),
    attempts: facts.attempts,
    intervalSeconds: check.intervalMs / 1000,
    ...(facts.runner !== undefined ? { runner: facts.runner } : {}),
  };
}
