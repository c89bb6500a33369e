import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  readonly serviceName: string;
  readonly defaultLabels?: Readonly<Record<string, string>>;
  readonly collectProcessMetrics?: boolean;
}

/**
 * One prom-client registry per service, not the global one: in all-in-one mode four services share a process
 * and each must expose only its own series, with its own `service` label.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(options: MetricsRegistryOptions) {
    this.registry.setDefaultLabels({ service: options.serviceName, ...options.defaultLabels });
    if (options.collectProcessMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate(name, () => new Counter({ name, help, labelNames, registers: [this.registry] }));
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOrCreate(name, () => new Gauge({ name, help, labelNames, registers: [this.registry] }));
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return this.getOrCreate(
      name,
      () =>
        new Histogram({
          name,
          help,
          labelNames,
          registers: [this.registry],
          ...(buckets ? { buckets } : {}),
        }),
    );
  }

  /** Text exposition 0.0.4, as Prometheus scrapes it. */
  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  // Idempotent so two providers asking for the same metric share it instead of throwing on re-registration.
  private getOrCreate<M>(name: string, create: () => M): M {
    return (this.registry.getSingleMetric(name) as M | undefined) ?? create();
  }
}
