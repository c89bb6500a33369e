import { Module, type DynamicModule } from '@nestjs/common';
import { MemorySampleStore } from './memory-sample-store';
import { SAMPLE_STORE, type SampleStore } from './sample-store';
import { STORE_HEALTH, storeHealthContributor } from './store-health';

export interface StorageOptions {
  readonly retentionMs: number;
}

/** Provides the SampleStore app-wide; feature modules depend on the token, never on the implementation. */
@Module({})
export class StorageModule {
  static forRoot(options: StorageOptions): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [
        {
          provide: SAMPLE_STORE,
          useFactory: () => new MemorySampleStore({ retentionMs: options.retentionMs }),
        },
        {
          provide: STORE_HEALTH,
          inject: [SAMPLE_STORE],
          useFactory: (store: SampleStore) => storeHealthContributor(store),
        },
      ],
      exports: [SAMPLE_STORE, STORE_HEALTH],
    };
  }
}
