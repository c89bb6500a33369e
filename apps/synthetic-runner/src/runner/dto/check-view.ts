import type { CheckResultV1 } from '@neo/contracts';
import { formatDuration } from '@neo/domain-metric';
import type { HttpCheck, HttpMethod } from '../../checks/http-check';

/** A check as `GET /api/checks` shows it: its definition (durations as text) and its latest result. */
export interface CheckView {
  readonly name: string;
  readonly kind: 'http';
  readonly url: string;
  readonly method: HttpMethod;
  readonly interval: string;
  readonly timeout: string;
  /** `"2xx"` or the accepted codes. */
  readonly expectedStatus: '2xx' | readonly number[];
  readonly maxLatency: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /** null until the check has run once. */
  readonly lastResult: CheckResultV1 | null;
}

// Headers and body are left out on purpose: they often carry tokens.
export function toCheckView(check: HttpCheck, lastResult: CheckResultV1 | undefined): CheckView {
  return {
    name: check.name,
    kind: 'http',
    url: check.url,
    method: check.method,
    interval: formatDuration(check.intervalMs),
    timeout: formatDuration(check.timeoutMs),
    expectedStatus: check.expectedStatus,
    maxLatency: check.maxLatencyMs === undefined ? null : formatDuration(check.maxLatencyMs),
    labels: check.labels,
    lastResult: lastResult ?? null,
  };
}
