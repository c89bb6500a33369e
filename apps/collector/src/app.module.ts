import { Module, type DynamicModule } from '@nestjs/common';
import { ObservabilityModule } from '@neo/instrumentation';
import { BUS_HEALTH, EVENT_BUS, TransportModule } from '@neo/transport';
import type { CollectorConfig } from './config/collector.config';
import { ProbesModule } from './probes/probes.module';
import { QueryModule } from './query/query.module';
import { ScrapeModule } from './scrape/scrape.module';
import { resolveTargets } from './scrape/scrape-target';
import { StorageModule } from './storage/storage.module';
import { STORE_HEALTH } from './storage/store-health';

@Module({})
export class AppModule {
  static forRoot(config: CollectorConfig): DynamicModule {
    const url = config.publicUrl || `http://127.0.0.1:${config.port}`;
    return {
      module: AppModule,
      imports: [
        TransportModule.forRoot({
          source: 'collector',
          redisUrl: config.redisUrl,
          channelPrefix: config.channelPrefix,
        }),
        ObservabilityModule.forRoot({
          serviceName: 'collector',
          logLevel: config.logLevel,
          healthContributors: [BUS_HEALTH, STORE_HEALTH],
          heartbeat: {
            sink: EVENT_BUS,
            intervalMs: config.heartbeatIntervalMs,
            instance: new URL(url).host,
            url,
            busMode: config.redisUrl ? 'redis' : 'in-process',
          },
        }),
        StorageModule.forRoot({ retentionMs: config.retentionMs }),
        ScrapeModule.forRoot(resolveTargets(config.file)),
        ProbesModule,
        QueryModule,
      ],
    };
  }
}
