import type { JourneyStepResultV1 } from '@neo/contracts';

/** HTTP phases in milliseconds, summed over redirects (blackbox_exporter's probe_http_duration_seconds). */
export interface PhasesMs {
  resolve: number;
  connect: number;
  tls: number;
  processing: number;
  transfer: number;
}

/** What one attempt saw. `failure` is set when the probe could not complete (refused, timeout, denied...). */
export interface Observation {
  readonly durationMs: number;
  readonly failure?: string;
  readonly statusCode?: number;
  /** Lower-case names. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly phases?: PhasesMs;
  readonly redirects?: number;
  readonly certificateExpiresAtMs?: number;
  readonly ip?: string;
  readonly connected?: boolean;
  readonly dnsRcode?: string;
  readonly dnsLookupMs?: number;
  readonly dnsAnswers?: readonly string[];
  readonly steps?: readonly JourneyStepResultV1[];
  readonly failedStep?: string;
}

export function emptyPhases(): PhasesMs {
  return { resolve: 0, connect: 0, tls: 0, processing: 0, transfer: 0 };
}
