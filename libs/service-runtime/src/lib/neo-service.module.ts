import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { ObservabilityModule } from '@neo/instrumentation';
import { BUS_HEALTH, EVENT_BUS, TransportModule } from '@neo/transport';

/** The settings every NEO service has (see `commonSettings` in @neo/config). */
export interface NeoServiceSettings {
  readonly port: number;
  readonly publicUrl: string;
  readonly redisUrl: string;
  readonly channelPrefix: string;
  readonly logLevel: string;
  readonly heartbeatIntervalMs: number;
}

export interface NeoServiceOptions {
  /** Service name: event source, `service` label and log field. */
  readonly service: string;
  readonly settings: NeoServiceSettings;
  /** Extra health contributors (by token) besides the event bus. */
  readonly healthContributors?: readonly InjectionToken[];
}

/**
 * What makes a Nest app a NEO service: the event bus (Redis, or in-process in all-in-one) and observability of
 * itself (metrics, health with the bus as a readiness dependency, logs, heartbeats on the bus).
 */
@Module({})
export class NeoServiceModule {
  static forRoot(options: NeoServiceOptions): DynamicModule {
    const { service, settings } = options;
    const url = settings.publicUrl || `http://127.0.0.1:${settings.port}`;
    return {
      module: NeoServiceModule,
      imports: [
        TransportModule.forRoot({
          source: service,
          redisUrl: settings.redisUrl,
          channelPrefix: settings.channelPrefix,
        }),
        ObservabilityModule.forRoot({
          serviceName: service,
          logLevel: settings.logLevel,
          healthContributors: [BUS_HEALTH, ...(options.healthContributors ?? [])],
          // Failed logins, rate limits and attack patterns seen by a NEO service become events for the alerter.
          security: { sink: EVENT_BUS },
          heartbeat: {
            sink: EVENT_BUS,
            intervalMs: settings.heartbeatIntervalMs,
            instance: new URL(url).host,
            url,
            busMode: settings.redisUrl ? 'redis' : 'in-process',
          },
        }),
      ],
    };
  }
}
