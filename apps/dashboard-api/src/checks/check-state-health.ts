import type { ContributorResult, HealthContributor } from '@neo/instrumentation';
import type { ChecksStore } from './checks-store';

/** Injection token of the `/health` entry that says where checks and availability history are kept. */
export const CHECK_STATE_HEALTH = Symbol.for('neo.dashboard-api.check-state-health');

/**
 * Informational (not readiness): in memory the API works, but an operator must be able to see that API-made
 * checks and availability history are neither shared with other processes nor kept across a restart.
 */
export function checkStateHealth(store: ChecksStore): HealthContributor {
  const result: ContributorResult =
    store.kind === 'redis'
      ? { status: 'up', store: 'redis', shared: true, persisted: true }
      : {
          status: 'up',
          store: 'memory',
          shared: false,
          persisted: false,
          note: 'no REDIS_URL (all-in-one, in-process bus): API-made checks, pauses and availability history live in this process only and are lost on restart',
        };
  return { name: 'check-state', readiness: false, critical: false, check: async () => result };
}
