import type { StoredCheckV1 } from '@neo/contracts';

/** Injection token of the ChecksStore chosen for this process (Redis, or memory on the in-process bus). */
export const CHECKS_STORE = Symbol.for('neo.dashboard-api.checks-store');

/** API-made checks, their pause set and what the runners report running. */
export interface ChecksStore {
  /** `redis`: shared by replicas and runners, survives restarts. `memory`: this process only, lost on exit. */
  readonly kind: 'redis' | 'memory';
  stored(): Promise<StoredCheckV1[]>;
  get(name: string): Promise<StoredCheckV1 | undefined>;
  put(check: StoredCheckV1): Promise<void>;
  /** Also forgets the pause; false when there was no such check. */
  delete(name: string): Promise<boolean>;
  setPaused(name: string, paused: boolean): Promise<void>;
  paused(): Promise<Set<string>>;
  /** What the runners run (file and API checks), as they published it. */
  catalog(): Promise<Map<string, Record<string, unknown>>>;
}
