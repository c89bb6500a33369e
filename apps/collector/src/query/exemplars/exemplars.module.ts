import { Module, type DynamicModule } from '@nestjs/common';
import { EXEMPLAR_STORAGE, ExemplarStorage } from './exemplar-storage';
import { ExemplarsController } from './exemplars.controller';

/**
 * Exemplar storage and `/api/v1/query_exemplars`. Global so that receivers (OTLP, and any other ingest path
 * that parses exemplars) hand their exemplars to the same storage.
 */
@Module({})
export class ExemplarsModule {
  static forRoot(maxExemplars: number): DynamicModule {
    return {
      module: ExemplarsModule,
      global: true,
      controllers: [ExemplarsController],
      providers: [{ provide: EXEMPLAR_STORAGE, useValue: new ExemplarStorage(maxExemplars) }],
      exports: [EXEMPLAR_STORAGE],
    };
  }
}
