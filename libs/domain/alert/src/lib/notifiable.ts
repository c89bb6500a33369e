import { sortLabels, type Labels } from '@neo/domain-metric';
import type { ActiveAlert, ResolvedAlert } from './alert';

/** One alert as Alertmanager's webhook (and API v2) presents it. */
export interface NotifiableAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

/** Go's zero time.Time, which Alertmanager prints as endsAt of alerts that are still firing. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** Epoch ms as Go's RFC3339Nano in UTC: trailing zeros of the fraction are dropped (`...:05.5Z`). */
export function formatRfc3339(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

/**
 * The webhook/Alertmanager view of a firing or resolved alert. startsAt is when it fired, as
 * Prometheus sends it. Pending alerts are never notified, so passing one is a programming error.
 */
export function toNotifiable(alert: ActiveAlert | ResolvedAlert, generatorURL: string): NotifiableAlert {
  if (alert.state === 'pending') {
    throw new RangeError(
      `alert ${alert.fingerprint} is pending; only firing or resolved alerts are notifiable`,
    );
  }
  return {
    status: alert.state,
    labels: sortLabels(alert.labels),
    annotations: sortLabels(alert.annotations),
    startsAt: formatRfc3339(alert.firedAtMs ?? alert.activeAtMs),
    endsAt: alert.state === 'resolved' ? formatRfc3339(alert.resolvedAtMs) : GO_ZERO_TIME,
    generatorURL,
    fingerprint: alert.fingerprint,
  };
}
