/** What one dependency reports; extra fields are shown in `/health` details. */
export interface ContributorResult {
  readonly status: 'up' | 'down';
  readonly [detail: string]: unknown;
}

/**
 * A dependency check. Readiness contributors decide whether the service takes traffic; the others are shown
 * in `/health` only. Liveness never consults contributors: a dead dependency must not get a pod restarted.
 */
export interface HealthContributor {
  readonly name: string;
  readonly readiness: boolean;
  /** A non-critical contributor that is down makes the service degraded rather than down. */
  readonly critical?: boolean;
  check(): Promise<ContributorResult>;
}
