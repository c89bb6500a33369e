import { hostname } from 'node:os';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CardinalityGuard } from './cardinality-guard';
import { guardMetric } from './guarded-metric';

export interface MetricsRegistryOptions {
  readonly serviceName: string;
  readonly serviceVersion?: string;
  readonly environment?: string;
  /** Defaults to the host name. */
  readonly instance?: string;
  /** Extra labels on every series; they win over the four defaults. */
  readonly defaultLabels?: Readonly<Record<string, string>>;
  readonly collectProcessMetrics?: boolean;
  /** Distinct values allowed per label of each custom metric before folding into `other` (default 100). */
  readonly maxLabelValues?: number;
  /** Where the one-time cardinality warning goes (default: stderr). */
  readonly warn?: (message: string) => void;
}

export const DEFAULT_MAX_LABEL_VALUES = 100;

const MISNAMED_DEFAULT_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * One prom-client registry per service, not the global one: in all-in-one mode four services share a process
 * and each must expose only its own series, with its own `service` label. Every series carries `service`,
 * `version`, `environment` and `instance`; every custom metric made here goes through the cardinality guard.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly serviceName: string;
  private readonly guard: CardinalityGuard;

  constructor(options: MetricsRegistryOptions) {
    this.serviceName = options.serviceName;
    this.registry.setDefaultLabels({
      service: options.serviceName,
      version: options.serviceVersion ?? 'unknown',
      environment: options.environment ?? 'development',
      instance: options.instance ?? hostname(),
      ...options.defaultLabels,
    });
    if (options.collectProcessMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
      // Gauges named `_total` break the exposition lint (promtool); the per-type gauges without the suffix
      // (nodejs_active_handles, nodejs_active_requests, nodejs_active_resources) carry the same numbers.
      for (const name of MISNAMED_DEFAULT_GAUGES) this.registry.removeSingleMetric(name);
    }
    const overflow = this.unguarded.counter(
      'metric_label_overflow_total',
      'Label values folded into "other" by the cardinality guard, by metric and label.',
      ['metric', 'label'],
    );
    const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
    this.guard = new CardinalityGuard(options.maxLabelValues ?? DEFAULT_MAX_LABEL_VALUES, overflow, warn);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate(name, () =>
      guardMetric(this.unguarded.counter(name, help, labelNames), name, this.guard),
    );
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOrCreate(name, () =>
      guardMetric(this.unguarded.gauge(name, help, labelNames), name, this.guard),
    );
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return this.getOrCreate(name, () =>
      guardMetric(this.unguarded.histogram(name, help, labelNames, buckets), name, this.guard),
    );
  }

  /**
   * Metrics whose label values the library bounds itself (route templates, status classes): they skip the
   * guard's per-call bookkeeping on the request path. Not for user-supplied labels.
   */
  readonly unguarded = {
    counter: <L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> =>
      this.getOrCreate(name, () => new Counter({ name, help, labelNames, registers: [this.registry] })),
    gauge: <L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> =>
      this.getOrCreate(name, () => new Gauge({ name, help, labelNames, registers: [this.registry] })),
    histogram: <L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[] = [],
      buckets?: number[],
    ): Histogram<L> =>
      this.getOrCreate(
        name,
        () =>
          new Histogram({
            name,
            help,
            labelNames,
            registers: [this.registry],
            ...(buckets ? { buckets } : {}),
          }),
      ),
  };

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
