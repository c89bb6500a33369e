import type { Metric } from 'prom-client';
import type { ActiveAlert } from '@neo/domain-alert';

interface AlertsSnapshot {
  allAlerts(): Iterable<ActiveAlert>;
}

/**
 * Prometheus' `ALERTS{alertname, alertstate, <alert labels>}` series. prom-client metrics need their label
 * names up front, but these come from rules and query results, so this is a collector object the registry
 * calls at scrape time instead.
 */
export class AlertsSeriesMetric {
  readonly name = 'ALERTS';
  readonly help = 'Alerts in pending or firing state, one series per alert (value 1).';
  readonly type = 'gauge';
  readonly aggregator = 'sum';

  constructor(private readonly snapshot: AlertsSnapshot) {}

  async get() {
    const values = [...this.snapshot.allAlerts()].map((alert) => ({
      value: 1,
      labels: { ...alert.labels, alertstate: alert.state },
    }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    // Values are derived from the snapshot; nothing to reset.
  }

  /** For Registry.registerMetric, which is typed for prom-client's own classes but only calls get(). */
  asRegistrable(): Metric<string> {
    return this as unknown as Metric<string>;
  }
}
