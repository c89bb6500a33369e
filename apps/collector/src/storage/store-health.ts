import type { HealthContributor } from '@neo/instrumentation';
import type { SampleStore } from './sample-store';

/** Injection token of the store's health contributor. */
export const STORE_HEALTH = Symbol.for('neo.collector.store-health');

/** The store is part of readiness: without it the collector can neither record nor answer queries. */
export function storeHealthContributor(store: SampleStore): HealthContributor {
  return {
    name: 'store',
    readiness: true,
    check: async () => ({ status: 'up', engine: 'memory', ...store.stats() }),
  };
}
