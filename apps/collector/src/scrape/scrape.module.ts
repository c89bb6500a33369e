import { Module, type DynamicModule } from '@nestjs/common';
import { MetadataBook } from './metadata-book';
import { MetadataController } from './metadata.controller';
import type { ScrapeJob } from './scrape-job';
import { ScrapeService } from './scrape.service';
import { SCRAPE_JOBS } from './scrape.tokens';
import { TargetHealthBook } from './target-health';
import { TargetsController } from './targets.controller';

/** Scraping: discovery, one loop per target, target health and scraped metadata. */
@Module({})
export class ScrapeModule {
  static forRoot(jobs: readonly ScrapeJob[]): DynamicModule {
    return {
      module: ScrapeModule,
      controllers: [TargetsController, MetadataController],
      providers: [
        { provide: SCRAPE_JOBS, useValue: jobs },
        { provide: TargetHealthBook, useFactory: () => new TargetHealthBook() },
        { provide: MetadataBook, useFactory: () => new MetadataBook() },
        ScrapeService,
      ],
      exports: [ScrapeService, TargetHealthBook, MetadataBook],
    };
  }
}
