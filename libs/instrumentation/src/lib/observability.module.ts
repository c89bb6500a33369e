import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import type { HealthContributor } from './health/health-contributor';
import { HealthRegistry } from './health/health-registry';
import { HeartbeatService, type HeartbeatSink } from './heartbeat/heartbeat.service';
import { loggerParams } from './logging/logger-params';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics-registry';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';

/** Resolves the contributors and sink named by token once every module's providers exist. */
@Injectable()
class ObservabilityWiring implements OnModuleInit {
  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(HeartbeatService) private readonly heartbeat: HeartbeatService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    for (const token of this.options.healthContributors ?? []) {
      this.health.register(this.moduleRef.get<HealthContributor>(token, { strict: false }));
    }
    if (this.options.heartbeat) {
      this.heartbeat.attach(
        this.moduleRef.get<HeartbeatSink>(this.options.heartbeat.sink, { strict: false }),
      );
    }
  }
}

/**
 * One import gives a Nest service `/metrics` (its own registry, HTTP RED metrics), `/health/live`,
 * `/health/ready` and `/health` (Terminus), JSON logs with trace ids (pino), and heartbeats on the bus.
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot(
          loggerParams({ serviceName: options.serviceName, level: options.logLevel ?? 'info' }),
        ),
        TerminusModule.forRoot({ logger: false }),
        PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: false } }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        {
          provide: MetricsRegistry,
          useFactory: () =>
            new MetricsRegistry({ serviceName: options.serviceName, defaultLabels: options.defaultLabels }),
        },
        { provide: HealthRegistry, useFactory: () => new HealthRegistry() },
        HeartbeatService,
        HttpMetricsMiddleware,
        ObservabilityWiring,
      ],
      exports: [MetricsRegistry, HealthRegistry, HeartbeatService, OBSERVABILITY_OPTIONS],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
