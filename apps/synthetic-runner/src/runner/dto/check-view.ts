import type { CheckResultV1 } from '@neo/contracts';
import { formatDuration } from '@neo/domain-metric';
import { checkTarget, type Check, type CheckKind } from '@neo/domain-check';

/** A check as `GET /api/checks` (and the Redis catalog) shows it. */
export interface CheckView {
  readonly name: string;
  readonly kind: CheckKind;
  readonly source: 'file' | 'api';
  /** URL or host:port as written: secret references stay references. */
  readonly target: string;
  readonly url: string | null;
  readonly method: string | null;
  readonly interval: string;
  readonly timeout: string;
  readonly expectedStatus: '2xx' | readonly number[] | null;
  readonly maxLatency: string | null;
  readonly degradedAfter: string | null;
  readonly retries: number;
  readonly conditions: readonly string[];
  readonly steps: readonly string[];
  readonly paused: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** null until the check has run once (on this replica). */
  readonly lastResult: CheckResultV1 | null;
}

// Headers, bodies, credentials and push tokens are left out on purpose: they carry secrets.
export function toCheckView(
  check: Check,
  lastResult: CheckResultV1 | undefined,
  extra: { source: 'file' | 'api'; paused: boolean },
): CheckView {
  return {
    name: check.name,
    kind: check.kind,
    source: extra.source,
    target: checkTarget(check),
    url: check.kind === 'http' ? check.url : null,
    method: check.kind === 'http' ? check.method : null,
    interval: formatDuration(check.intervalMs),
    timeout: formatDuration(check.timeoutMs),
    expectedStatus: check.kind === 'http' ? (check.expectedStatus ?? null) : null,
    maxLatency:
      check.kind === 'http' && check.maxLatencyMs !== undefined ? formatDuration(check.maxLatencyMs) : null,
    degradedAfter: check.degradedAfterMs === undefined ? null : formatDuration(check.degradedAfterMs),
    retries: check.retries,
    conditions: check.conditions.map((condition) => condition.source),
    steps: check.kind === 'journey' ? check.steps.map((step) => step.name) : [],
    paused: extra.paused,
    labels: check.labels,
    lastResult: lastResult ?? null,
  };
}
