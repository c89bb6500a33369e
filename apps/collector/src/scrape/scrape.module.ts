import { Module, type DynamicModule } from '@nestjs/common';
import { MetadataBook } from './metadata-book';
import { MetadataController } from './metadata.controller';
import type { ScrapeTarget } from './scrape-target';
import { ScrapeService } from './scrape.service';
import { SCRAPE_TARGETS } from './scrape.tokens';
import { TargetHealthBook } from './target-health';
import { TargetsController } from './targets.controller';

@Module({})
export class ScrapeModule {
  static forRoot(targets: readonly ScrapeTarget[]): DynamicModule {
    return {
      module: ScrapeModule,
      controllers: [TargetsController, MetadataController],
      providers: [
        { provide: SCRAPE_TARGETS, useValue: targets },
        { provide: TargetHealthBook, useFactory: () => new TargetHealthBook(targets) },
        MetadataBook,
        ScrapeService,
      ],
      exports: [ScrapeService, TargetHealthBook, MetadataBook],
    };
  }
}
