import type { InjectionToken } from '@nestjs/common';

export const OBSERVABILITY_OPTIONS = Symbol.for('neo.instrumentation.options');

export interface ObservabilityOptions {
  readonly serviceName: string;
  readonly logLevel?: string;
  /** Extra labels on every series of this service (version, environment...). */
  readonly defaultLabels?: Readonly<Record<string, string>>;
  /** Providers (by token) implementing HealthContributor, resolved from the whole app. */
  readonly healthContributors?: readonly InjectionToken[];
  readonly heartbeat?: {
    /** Provider (by token) implementing HeartbeatSink, usually the app's EventBus. */
    readonly sink: InjectionToken;
    readonly intervalMs: number;
    readonly instance: string;
    readonly url: string;
    readonly busMode: 'redis' | 'in-process';
  };
}
