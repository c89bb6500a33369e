// Module and lifecycle
export { ObservabilityModule } from './lib/observability.module';
export type {
  HealthSettings,
  LoggingSettings,
  MetricsOptions,
  ObservabilityOptions,
} from './lib/observability-options';
export { runService } from './lib/lifecycle/run-service';
export type { ServiceDefinition } from './lib/lifecycle/run-service';
export { shutdownAll } from './lib/lifecycle/shutdown-coordinator';
export { HeartbeatService } from './lib/heartbeat/heartbeat.service';
export type { HeartbeatSink } from './lib/heartbeat/heartbeat.service';

// Metrics
export { MetricsRegistry, DEFAULT_MAX_LABEL_VALUES } from './lib/metrics/metrics-registry';
export type { MetricsRegistryOptions } from './lib/metrics/metrics-registry';
export { OVERFLOW_VALUE } from './lib/metrics/cardinality-guard';
export { routeTemplate } from './lib/metrics/route-template';
export { DEFAULT_DURATION_BUCKETS, DEFAULT_SIZE_BUCKETS } from './lib/metrics/http-metrics';
export { registerHostMetrics } from './lib/metrics/host-metrics';
export { BusinessMetrics } from './lib/metrics/business-metrics';
export { NovelEngineMetrics } from './lib/novel-engine/novel-engine-metrics';
export { NovelEngineMetricsModule } from './lib/novel-engine/novel-engine-metrics.module';

// Tracing
export { setupTracing, DEFAULT_OTLP_SAMPLE_RATIO } from './lib/tracing/setup-tracing';
export type { OtlpProtocol, TracingHandle, TracingOptions } from './lib/tracing/setup-tracing';
export { Traced } from './lib/tracing/traced.decorator';
export type { TracedOptions } from './lib/tracing/traced.decorator';

// Logging
export { loggerParams } from './lib/logging/logger-params';
export type { LoggingOptions } from './lib/logging/logger-params';
export { createRootLogger } from './lib/logging/root-logger';
export { PinoNestLogger } from './lib/logging/pino-nest-logger';
export { ObservabilityLogger, ROOT_LOGGER } from './lib/logging/observability-logger';
export type { SecurityLogFields } from './lib/logging/observability-logger';
export type { CategoryLog } from './lib/logging/category-logger';
export { AuditLog } from './lib/logging/audit-log';
export type { AuditEntry } from './lib/logging/audit-log';
export { LOG_CATEGORIES } from './lib/logging/log-category';
export type { LogCategory, LogFields } from './lib/logging/log-category';
export { REDACTED, scrubString, scrubValue } from './lib/logging/redaction';
export type { LogRecord, LogShipper, ShipperStats } from './lib/logging/shipping/log-shipper';
export { LokiShipper } from './lib/logging/shipping/loki-shipper';
export type { LokiShipperOptions } from './lib/logging/shipping/loki-shipper';
export { ElasticsearchShipper } from './lib/logging/shipping/elasticsearch-shipper';
export type { ElasticsearchShipperOptions } from './lib/logging/shipping/elasticsearch-shipper';

// Security
export { SECURITY_EVENT_SINK } from './lib/security/security-event-sink';
export type { SecurityEvent, SecurityEventSink } from './lib/security/security-event-sink';
export { RedisSecurityEventSink } from './lib/security/redis-security-event-sink';
export type { RedisSecurityEventSinkOptions } from './lib/security/redis-security-event-sink';
export { detectAttacks } from './lib/security/attack-patterns';
export type { AttackKind } from './lib/security/attack-patterns';

// Health
export type { ContributorResult, HealthContributor } from './lib/health/health-contributor';
export { HealthRegistry } from './lib/health/health-registry';
export type { HealthCheckFn, HealthCheckOptions } from './lib/health/health-registry';
export { redisIndicator } from './lib/health/indicators/redis.indicator';
export { heapIndicator, rssIndicator } from './lib/health/indicators/memory.indicator';
export { diskIndicator } from './lib/health/indicators/disk.indicator';
export { eventLoopIndicator } from './lib/health/indicators/event-loop.indicator';
export { httpIndicator } from './lib/health/indicators/http.indicator';
export type { HttpDependency } from './lib/health/indicators/http.indicator';
