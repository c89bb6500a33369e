import { Module, type DynamicModule } from '@nestjs/common';
import { NeoServiceModule } from '@neo/service-runtime';
import type { CollectorConfig } from './config/collector.config';
import { IngestModule } from './ingest/ingest.module';
import { ProbesModule } from './probes/probes.module';
import { ExemplarsModule } from './query/exemplars/exemplars.module';
import { QueryModule } from './query/query.module';
import { RemoteWriteModule } from './remote-write/remote-write.module';
import { ScrapeModule } from './scrape/scrape.module';
import { resolveJobs } from './scrape/scrape-job';
import { StorageModule } from './storage/storage.module';
import { STORE_HEALTH } from './storage/store-health';

@Module({})
export class AppModule {
  static forRoot(config: CollectorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        NeoServiceModule.forRoot({
          service: 'collector',
          settings: config,
          healthContributors: [STORE_HEALTH],
        }),
        StorageModule.forRoot({
          dataDir: config.dataDir,
          retentionMs: config.retentionMs,
          retentionBytes: config.retentionBytes,
        }),
        ScrapeModule.forRoot(resolveJobs(config.file)),
        ProbesModule,
        QueryModule.forRoot({
          timeoutMs: config.queryTimeoutMs,
          maxSamples: config.queryMaxSamples,
          maxSeries: config.queryMaxSeries,
          lookbackDeltaMs: config.queryLookbackDeltaMs,
        }),
        ExemplarsModule.forRoot(config.maxExemplars),
        IngestModule.forRoot({
          maxBodyBytes: config.ingestMaxBodyBytes,
          maxDecodedBytes: 8 * config.ingestMaxBodyBytes,
        }),
        RemoteWriteModule.forRoot(config.file.remote_write, { flushDeadlineMs: config.shutdownDrainMs }),
      ],
    };
  }
}
