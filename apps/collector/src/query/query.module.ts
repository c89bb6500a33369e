import { Module, type DynamicModule } from '@nestjs/common';
import { BuildInfoController } from './buildinfo.controller';
import { PromqlService } from './promql.service';
import { QUERY_LIMITS, type QueryLimits } from './query-limits';
import { QueryController } from './query.controller';
import { SeriesController } from './series.controller';

/** The Prometheus HTTP query API over the store (needs the global StorageModule). */
@Module({})
export class QueryModule {
  static forRoot(limits: QueryLimits): DynamicModule {
    return {
      module: QueryModule,
      controllers: [QueryController, SeriesController, BuildInfoController],
      providers: [{ provide: QUERY_LIMITS, useValue: limits }, PromqlService],
      exports: [PromqlService],
    };
  }
}
