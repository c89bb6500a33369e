import type { CheckResultV1 } from '@neo/contracts';

/** Injection token of the AvailabilityStore chosen for this process (Redis, or memory on the in-process bus). */
export const AVAILABILITY_STORE = Symbol.for('neo.dashboard-api.availability-store');

export const WINDOWS = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type WindowName = keyof typeof WINDOWS;

export interface WindowStats {
  /** up / (up + down) time; null when nothing counted (no runs, or all maintenance). */
  readonly availability: number | null;
  readonly upSeconds: number;
  readonly downSeconds: number;
  readonly maintenanceSeconds: number;
  readonly p50Seconds: number | null;
  readonly p95Seconds: number | null;
  readonly p99Seconds: number | null;
  readonly runs: number;
}

export type RegressionState = 'regressed' | 'recovered';

/** Each check's result history: hour buckets for the long windows, raw durations for the last hour. */
export interface AvailabilityStore {
  record(result: CheckResultV1): Promise<void>;
  /** The last `hours` hour buckets up to `nowMs`. */
  window(check: string, hours: number, nowMs?: number): Promise<WindowStats>;
  /** Exact p95 of the last hour's raw durations (s). */
  recent(check: string, nowMs?: number): Promise<{ p95Seconds: number | null; samples: number }>;
  /** Stores the check's regression state and returns the previous one ('recovered' when none). */
  swapRegressionState(check: string, next: RegressionState): Promise<RegressionState>;
}
