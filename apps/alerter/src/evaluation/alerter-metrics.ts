import type { Counter, Gauge } from 'prom-client';
import type { ActiveAlert } from '@neo/domain-alert';
import type { MetricsRegistry } from '@neo/instrumentation';
import { AlertsSeriesMetric } from './alerts-series-metric';

/** The alerter's own series, Prometheus-style where Prometheus has an equivalent. */
export class AlerterMetrics {
  readonly evaluations: Counter<'rule_group'>;
  readonly evaluationFailures: Counter<'rule_group'>;
  private readonly alerts: Gauge<'state'>;

  constructor(registry: MetricsRegistry, snapshot: { allAlerts(): Iterable<ActiveAlert> }) {
    this.evaluations = registry.counter('neo_alerter_evaluations_total', 'Rule evaluations.', ['rule_group']);
    this.evaluationFailures = registry.counter(
      'neo_alerter_evaluation_failures_total',
      'Rule evaluations that failed (query, state store or duplicate labels); alert state is kept as it was.',
      ['rule_group'],
    );
    this.alerts = registry.gauge('neo_alerter_alerts', 'Active alerts by state.', ['state']);
    const series = new AlertsSeriesMetric(snapshot);
    if (!registry.registry.getSingleMetric(series.name)) {
      registry.registry.registerMetric(series.asRegistrable());
    }
    this.countAlerts(snapshot.allAlerts());
  }

  countAlerts(alerts: Iterable<ActiveAlert>): void {
    const counts = { pending: 0, firing: 0 };
    for (const alert of alerts) counts[alert.state]++;
    this.alerts.set({ state: 'pending' }, counts.pending);
    this.alerts.set({ state: 'firing' }, counts.firing);
  }
}
