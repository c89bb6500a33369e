import { Module, type DynamicModule } from '@nestjs/common';
import { parseDuration } from '@neo/domain-metric';
import { ObservabilityModule } from '@neo/instrumentation';
import { BUS_HEALTH, EVENT_BUS, TransportModule } from '@neo/transport';
import type { DashboardApiConfig } from './config/dashboard-api.config';
import { EventsModule } from './events/events.module';
import { OverviewModule } from './overview/overview.module';
import { StateModule } from './state/state.module';
import { UiModule } from './ui/ui.module';

/** Beyond this much unsent output an SSE client is not reading and is cut off. */
const SSE_MAX_BUFFERED_BYTES = 1024 * 1024;
const SSE_RETRY_MS = 3000;

@Module({})
export class AppModule {
  static forRoot(config: DashboardApiConfig): DynamicModule {
    const url = config.publicUrl || `http://127.0.0.1:${config.port}`;
    return {
      module: AppModule,
      imports: [
        TransportModule.forRoot({
          source: 'dashboard-api',
          redisUrl: config.redisUrl,
          channelPrefix: config.channelPrefix,
        }),
        ObservabilityModule.forRoot({
          serviceName: 'dashboard-api',
          logLevel: config.logLevel,
          healthContributors: [BUS_HEALTH],
          heartbeat: {
            sink: EVENT_BUS,
            intervalMs: config.heartbeatIntervalMs,
            instance: new URL(url).host,
            url,
            busMode: config.redisUrl ? 'redis' : 'in-process',
          },
        }),
        StateModule.forRoot({
          staleAfterMs: parseDuration(config.staleAfter),
          maxEntries: config.maxEntries,
        }),
        OverviewModule,
        EventsModule.forRoot({
          keepAliveMs: parseDuration(config.sseKeepAlive),
          retryMs: SSE_RETRY_MS,
          maxBufferedBytes: SSE_MAX_BUFFERED_BYTES,
          maxClients: config.sseMaxClients,
        }),
        UiModule,
      ],
    };
  }
}
