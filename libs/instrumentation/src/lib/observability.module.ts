import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type InjectionToken,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { HealthController } from './health/health.controller';
import type { HealthContributor } from './health/health-contributor';
import { HealthRegistry } from './health/health-registry';
import { registerBuiltInIndicators } from './health/indicators/built-in';
import { redisIndicator } from './health/indicators/redis.indicator';
import { HeartbeatService, type HeartbeatSink } from './heartbeat/heartbeat.service';
import { httpObservabilityMiddleware } from './http/http-observability.middleware';
import { loggerParams } from './logging/logger-params';
import { ObservabilityLogger, ROOT_LOGGER } from './logging/observability-logger';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { createRootLogger } from './logging/root-logger';
import type { LogShipper } from './logging/shipping/log-shipper';
import { createShippers } from './logging/shipping/create-shippers';
import { BusinessMetrics } from './metrics/business-metrics';
import { registerHostMetrics } from './metrics/host-metrics';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics-registry';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';
import type { SecurityEventSink } from './security/security-event-sink';
import { SecurityMonitor } from './security/security-monitor';

const LOG_SHIPPERS = Symbol.for('neo.instrumentation.log-shippers');

/** Resolves the contributors and sinks named by token once every module's providers exist. */
@Injectable()
class ObservabilityWiring implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(HeartbeatService) private readonly heartbeat: HeartbeatService,
    @Inject(SecurityMonitor) private readonly security: SecurityMonitor,
    @Inject(LOG_SHIPPERS) private readonly shippers: readonly LogShipper[],
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    registerBuiltInIndicators(this.health, this.options.health);
    for (const token of this.options.healthContributors ?? []) {
      this.health.register(this.resolve<HealthContributor>(token));
    }
    const redisToken = this.options.health?.redis;
    const redis = redisToken ? this.resolve<Redis | null>(redisToken) : null;
    if (redis) this.health.register(redisIndicator(redis));
    if (this.options.heartbeat) {
      this.heartbeat.attach(this.resolve<HeartbeatSink>(this.options.heartbeat.sink));
    }
    const sink = this.options.security ? this.options.security.sink : undefined;
    this.security.attach(
      isSinkInstance(sink) ? sink : sink ? this.resolve<SecurityEventSink>(sink) : undefined,
    );
  }

  onApplicationBootstrap(): void {
    this.health.markStarted();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.shippers.map((shipper) => shipper.close()));
    const sink = this.options.security ? this.options.security.sink : undefined;
    // An instance handed in belongs to this module (a token's provider is closed by its own module).
    if (isSinkInstance(sink) && 'close' in sink && typeof sink.close === 'function') {
      await (sink.close as () => Promise<void>)();
    }
  }

  private resolve<T>(token: InjectionToken): T {
    return this.moduleRef.get<T>(token, { strict: false });
  }
}

function isSinkInstance(sink: InjectionToken | SecurityEventSink | undefined): sink is SecurityEventSink {
  return (
    typeof sink === 'object' && sink !== null && typeof (sink as SecurityEventSink).publish === 'function'
  );
}

/** Nest-facing shell of the request-path function, which is built once with its collaborators. */
@Injectable()
class HttpObservabilityMiddleware implements NestMiddleware {
  readonly handler;

  constructor(
    @Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(ROOT_LOGGER) root: Logger,
    @Inject(SecurityMonitor) security: SecurityMonitor,
  ) {
    this.handler = httpObservabilityMiddleware(
      HttpMetrics.for(metrics, options.metrics ?? {}),
      options.logging?.accessLog === false ? undefined : root,
      options.security === false ? undefined : security,
      {
        all: options.logging?.accessLog === true || options.logging?.accessLog === 'all',
        slowMs: options.logging?.slowRequestMs ?? 1000,
      },
    );
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.handler(req, res, next);
  }
}

/**
 * One import gives a Nest service `/metrics` (its own registry: HTTP RED, process, host), `/health/live`,
 * `/health/ready`, `/health/startup` and `/health` (Terminus), JSON logs with trace ids and without secrets
 * (pino), the typed category logger, security events and heartbeats on the bus.
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const shippers = createShippers(options.logging?.shipping);
    const rootLogger = createRootLogger({
      serviceName: options.serviceName,
      level: options.logLevel ?? 'info',
      redactPaths: options.logging?.redactPaths,
      destination: options.logging?.destination,
      shippers,
    });
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot(
          loggerParams({ serviceName: options.serviceName, level: 'info', logger: rootLogger }),
        ),
        TerminusModule.forRoot({ logger: false }),
        PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: false } }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        { provide: ROOT_LOGGER, useValue: rootLogger },
        { provide: LOG_SHIPPERS, useValue: shippers },
        {
          provide: MetricsRegistry,
          useFactory: () => {
            const registry = new MetricsRegistry({
              serviceName: options.serviceName,
              serviceVersion: options.serviceVersion,
              environment: options.environment,
              instance: options.instance ?? options.heartbeat?.instance,
              defaultLabels: options.defaultLabels,
              collectProcessMetrics: options.metrics?.processMetrics,
              maxLabelValues: options.metrics?.maxLabelValues,
              warn: (message) => rootLogger.warn({ category: 'performance' }, message),
            });
            if (options.metrics?.host !== false) registerHostMetrics(registry, options.metrics?.host ?? {});
            return registry;
          },
        },
        { provide: HealthRegistry, useFactory: () => new HealthRegistry() },
        {
          provide: BusinessMetrics,
          inject: [MetricsRegistry],
          useFactory: (metrics: MetricsRegistry) => new BusinessMetrics(metrics),
        },
        ObservabilityLogger,
        PinoNestLogger,
        {
          provide: SecurityMonitor,
          inject: [MetricsRegistry, ObservabilityLogger],
          useFactory: (metrics: MetricsRegistry, logger: ObservabilityLogger) =>
            new SecurityMonitor(options.serviceName, metrics, logger),
        },
        HeartbeatService,
        HttpObservabilityMiddleware,
        ObservabilityWiring,
      ],
      exports: [
        MetricsRegistry,
        HealthRegistry,
        HeartbeatService,
        BusinessMetrics,
        ObservabilityLogger,
        PinoNestLogger,
        ROOT_LOGGER,
        OBSERVABILITY_OPTIONS,
      ],
    };
  }

  constructor(
    @Inject(HttpObservabilityMiddleware) private readonly middleware: HttpObservabilityMiddleware,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * On Express, the request path's middleware goes straight onto the app, ahead of every route: Nest calls
   * `configure` after the body parsers are mounted and before any route or consumer middleware is. Mounted
   * through the consumer (`forRoutes('*path')`) it ran behind a wildcard route match and Nest's middleware
   * wrapper on every request, measured at a few microseconds of a small route's CPU each.
   */
  configure(consumer: MiddlewareConsumer): void {
    const adapter = this.adapterHost.httpAdapter as
      | { getType?: () => string; use?: (...args: unknown[]) => void }
      | undefined;
    if (adapter?.getType?.() === 'express' && adapter.use) {
      adapter.use(this.middleware.handler);
      return;
    }
    consumer.apply(HttpObservabilityMiddleware).forRoutes('*path');
  }
}
