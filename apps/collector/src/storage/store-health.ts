import type { HealthContributor } from '@neo/instrumentation';
import type { SampleStore } from './sample-store';

/** Injection token of the store's health contributor. */
export const STORE_HEALTH = Symbol.for('neo.collector.store-health');

/**
 * The store is part of readiness: without it the collector can neither record nor answer queries. Damage
 * repaired at open is shown but keeps the store up: what survived is served.
 */
export function storeHealthContributor(store: SampleStore): HealthContributor {
  return {
    name: 'store',
    readiness: true,
    check: async () => {
      try {
        const stats = store.stats();
        return {
          status: 'up',
          engine: 'tsdb',
          series: stats.series,
          samplesAppended: stats.samplesAppended,
          blocks: stats.blocks,
          bytesOnDisk: stats.bytesOnDisk,
          walCorruptions: stats.walCorruptions,
          corruptBlocks: stats.corruptBlocks,
        };
      } catch (error) {
        return { status: 'down', engine: 'tsdb', error: (error as Error).message };
      }
    },
  };
}
