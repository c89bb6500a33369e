import type { Counter, Gauge } from 'prom-client';
import type { MetricsRegistry } from './metrics-registry';

/**
 * Business helpers with fixed names so dashboards work across services. Label values come from the caller,
 * so all of them go through the cardinality guard.
 */
export class BusinessMetrics {
  private readonly activeUsersGauge: Gauge;
  private readonly activeSessionsGauge: Gauge;
  private readonly features: Counter<'feature'>;
  private readonly operations: Counter<'operation' | 'outcome'>;
  private readonly revenue: Counter<'currency' | 'product'>;
  private readonly conversions: Counter<'funnel' | 'step'>;

  constructor(metrics: MetricsRegistry) {
    this.activeUsersGauge = metrics.gauge('business_active_users', 'Users active right now.');
    this.activeSessionsGauge = metrics.gauge('business_active_sessions', 'Open user sessions.');
    this.features = metrics.counter('business_feature_usage_total', 'Uses of each product feature.', [
      'feature',
    ]);
    this.operations = metrics.counter(
      'business_operations_total',
      'Business operations by name and outcome (success, failure...).',
      ['operation', 'outcome'],
    );
    this.revenue = metrics.counter(
      'business_revenue_total',
      'Revenue booked, in the currency unit named by the label.',
      ['currency', 'product'],
    );
    this.conversions = metrics.counter(
      'business_conversions_total',
      'Users reaching each step of each conversion funnel.',
      ['funnel', 'step'],
    );
  }

  setActiveUsers(count: number): void {
    this.activeUsersGauge.set(count);
  }

  sessionStarted(): void {
    this.activeSessionsGauge.inc();
  }

  sessionEnded(): void {
    this.activeSessionsGauge.dec();
  }

  featureUsed(feature: string): void {
    this.features.inc({ feature });
  }

  operation(operation: string, outcome: 'success' | 'failure' | string): void {
    this.operations.inc({ operation, outcome });
  }

  revenueBooked(amount: number, currency: string, product = 'default'): void {
    if (amount > 0) this.revenue.inc({ currency, product }, amount);
  }

  conversion(funnel: string, step: string): void {
    this.conversions.inc({ funnel, step });
  }
}
