import type { CheckResultV1 } from '@neo/contracts';
import { evaluateResponse, type ProbeObservation } from '../checks/evaluate-response';
import type { HttpCheck } from '../checks/http-check';

/** The event payload for one finished run: the observation judged against the check's expectations. */
export function toCheckResult(check: HttpCheck, startedAt: Date, observed: ProbeObservation): CheckResultV1 {
  const verdict = evaluateResponse(check, observed);
  return {
    checkId: check.name,
    name: check.name,
    kind: 'http',
    target: check.url,
    success: verdict.success,
    ...(observed.statusCode !== undefined ? { statusCode: observed.statusCode } : {}),
    // Microseconds are plenty; the raw float's last digits are timer noise.
    durationSeconds: Math.round(Math.max(0, observed.durationMs) * 1000) / 1e6,
    ...(verdict.error !== undefined ? { error: verdict.error } : {}),
    startedAt: startedAt.toISOString(),
    labels: { ...check.labels },
  };
}
