import type { InjectionToken } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { HttpDependency } from './health/indicators/http.indicator';
import type { ElasticsearchShipperOptions } from './logging/shipping/elasticsearch-shipper';
import type { LokiShipperOptions } from './logging/shipping/loki-shipper';
import type { SecurityEventSink } from './security/security-event-sink';

export const OBSERVABILITY_OPTIONS = Symbol.for('neo.instrumentation.options');

export interface MetricsOptions {
  /** Buckets (seconds) of `http_request_duration_seconds`. */
  readonly durationBuckets?: number[];
  /** Buckets (bytes) of `http_response_size_bytes`. */
  readonly sizeBuckets?: number[];
  /** Cardinality guard: distinct values per label of each custom metric (default 100). */
  readonly maxLabelValues?: number;
  /** prom-client's process metrics: CPU, heap, event loop lag, GC, handles (default true). */
  readonly processMetrics?: boolean;
  /** Host CPU, memory, network and disk of these paths (default: on, the working directory); false: off. */
  readonly host?: false | { readonly diskPaths?: readonly string[] };
}

export interface LoggingSettings {
  /** Extra pino redact paths, e.g. `['details.customer.address']`. */
  readonly redactPaths?: readonly string[];
  /**
   * Access lines: `'errors'` (default) writes requests answered 4xx/5xx or slower than `slowRequestMs`;
   * `'all'` (or true) one line per request; false none. RED metrics count every request either way, and a
   * line per successful request costs about as much CPU as a small route itself.
   */
  readonly accessLog?: boolean | 'all' | 'errors';
  /** Requests at least this slow are logged in `'errors'` mode (default 1000 ms). */
  readonly slowRequestMs?: number;
  /** Where lines go instead of stdout (tests). */
  readonly destination?: DestinationStream;
  /** Remote shipping, off unless configured; batched and asynchronous. */
  readonly shipping?: {
    readonly loki?: LokiShipperOptions;
    readonly elasticsearch?: ElasticsearchShipperOptions;
  };
}

export interface HealthSettings {
  /** Heap in use above this makes `/health` report heap down (default 90% of V8's limit). */
  readonly heapLimitBytes?: number;
  /** RSS above this makes `/health` report rss down (default 2 GiB). */
  readonly rssLimitBytes?: number;
  /** File systems checked for free space (default: none). */
  readonly diskPaths?: readonly string[];
  /** Event loop p99 delay above this reports event_loop down (default 500 ms). */
  readonly maxEventLoopLagMs?: number;
  /** Provider (by token) of an ioredis client, checked with PING for readiness; a null value is skipped. */
  readonly redis?: InjectionToken;
  /** HTTP dependencies checked with GET for readiness. */
  readonly http?: readonly HttpDependency[];
}

export interface ObservabilityOptions {
  readonly serviceName: string;
  readonly serviceVersion?: string;
  readonly environment?: string;
  /** The `instance` label (default: host name, or the heartbeat's instance). */
  readonly instance?: string;
  readonly logLevel?: string;
  /** Extra labels on every series of this service. */
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
  readonly metrics?: MetricsOptions;
  readonly logging?: LoggingSettings;
  /**
   * Security middleware (default on). `sink`: where security events go, a provider token (NEO apps pass
   * their EVENT_BUS) or an instance (e.g. RedisSecurityEventSink); without one, events are logged and counted.
   */
  readonly security?: false | { readonly sink?: InjectionToken | SecurityEventSink };
  readonly health?: HealthSettings;
}
