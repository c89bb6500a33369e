import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsRegistry } from '@neo/instrumentation';
import type { Tsdb } from '@neo/tsdb';
import { SAMPLE_TAP, tapAppends, type SampleTap } from '../remote-write/remote-write-fanout';
import { openStore, type StorageOptions } from './open-store';
import { tapSeriesAppends } from './series-tap';
import { SAMPLE_STORE } from './sample-store';
import { STORE_HEALTH, storeHealthContributor } from './store-health';
import { StoreLifecycle } from './store-lifecycle';
import { registerStoreMetrics } from './store-metrics';

export type { StorageOptions } from './open-store';

/** Opens the TSDB app-wide; feature modules depend on the SAMPLE_STORE token, never on the engine's setup. */
@Module({})
export class StorageModule {
  static forRoot(options: StorageOptions): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [
        {
          provide: SAMPLE_STORE,
          inject: [MetricsRegistry, { token: SAMPLE_TAP, optional: true }],
          useFactory: async (metrics: MetricsRegistry, tap?: SampleTap) => {
            const db = await openStore(options);
            registerStoreMetrics(metrics.registry, () => db.stats());
            // Remote write out sees every durable batch, whichever feature appended it.
            return tap ? tapSeriesAppends(tapAppends(db, tap), tap) : db;
          },
        },
        {
          provide: STORE_HEALTH,
          inject: [SAMPLE_STORE],
          useFactory: (db: Tsdb) => storeHealthContributor(db),
        },
        StoreLifecycle,
      ],
      exports: [SAMPLE_STORE, STORE_HEALTH],
    };
  }
}
