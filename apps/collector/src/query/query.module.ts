import { Module } from '@nestjs/common';
import { SAMPLE_STORE, type SampleStore } from '../storage/sample-store';
import { QUERY_ENGINE } from './query-engine';
import { QueryController } from './query.controller';
import { SelectorQueryEngine } from './selector-query-engine';

@Module({
  controllers: [QueryController],
  providers: [
    {
      provide: QUERY_ENGINE,
      inject: [SAMPLE_STORE],
      useFactory: (store: SampleStore) => new SelectorQueryEngine(store),
    },
  ],
  exports: [QUERY_ENGINE],
})
export class QueryModule {}
