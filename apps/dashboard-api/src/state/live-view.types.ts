import type { AlertStateV1, ServiceHeartbeatV1 } from '@neo/contracts';

export type ServiceStatus = ServiceHeartbeatV1['status'];

export interface ServiceView {
  readonly service: string;
  readonly instance: string;
  readonly url: string;
  readonly status: ServiceStatus;
  /** When this dashboard last heard the service (its own clock, so skew between hosts does not matter). */
  readonly lastHeartbeat: string;
  readonly components: ServiceHeartbeatV1['components'];
  /** Why the status differs from what the service reported, e.g. its heartbeats stopped. */
  readonly reason?: string;
}

export interface TargetView {
  readonly job: string;
  readonly instance: string;
  readonly url: string;
  readonly health: 'up' | 'down';
  readonly lastError: string | null;
  readonly lastScrape: string;
}

export interface CheckView {
  readonly checkId: string;
  readonly name: string;
  readonly target: string;
  readonly success: boolean;
  readonly statusCode: number | null;
  readonly durationSeconds: number;
  readonly error: string | null;
  readonly startedAt: string;
}

export interface AlertView {
  readonly fingerprint: string;
  readonly rule: string;
  readonly group: string;
  readonly state: Extract<AlertStateV1['state'], 'pending' | 'firing'>;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly activeAt: string;
  readonly firedAt: string | null;
  readonly value: number;
}

export interface LiveSummary {
  readonly servicesUp: number;
  readonly servicesDegraded: number;
  readonly servicesDown: number;
  readonly targetsUp: number;
  readonly targetsDown: number;
  readonly checksFailing: number;
  readonly alertsFiring: number;
  readonly alertsPending: number;
}

export interface LiveSnapshot {
  readonly services: ServiceView[];
  readonly targets: TargetView[];
  readonly checks: CheckView[];
  readonly alerts: AlertView[];
  readonly summary: LiveSummary;
}
