import { Module, type DynamicModule } from '@nestjs/common';
import { parseDuration } from '@neo/domain-metric';
import { NeoServiceModule } from '@neo/service-runtime';
import type { DashboardApiConfig } from './config/dashboard-api.config';
import { AvailabilityModule } from './availability/availability.module';
import { CHECK_STATE_HEALTH } from './checks/check-state-health';
import { ChecksModule } from './checks/checks.module';
import { DashboardsModule } from './dashboards/dashboards.module';
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
    return {
      module: AppModule,
      imports: [
        NeoServiceModule.forRoot({
          service: 'dashboard-api',
          settings: config,
          healthContributors: [CHECK_STATE_HEALTH],
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
        ChecksModule.forRoot({ keyPrefix: config.keyPrefix }),
        AvailabilityModule.forRoot({ keyPrefix: config.keyPrefix }),
        DashboardsModule.forRoot({ queryUrl: config.queryUrl, queryTimeoutMs: config.queryTimeoutMs }),
      ],
    };
  }
}
