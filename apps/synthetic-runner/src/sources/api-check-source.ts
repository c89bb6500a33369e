import type { StoredApiChecks } from './api-checks';

/**
 * Where API-made checks (written by dashboard-api) are read and where the runner publishes what it runs, so
 * dashboard-api can list file checks too: Redis normally, process memory in all-in-one without Redis.
 */
export interface ApiCheckSource {
  /** undefined while the source cannot be read (Redis not connected yet). */
  read(): Promise<StoredApiChecks | undefined>;
  /** Replaces the catalog: name -> check view JSON. */
  publishCatalog(entries: ReadonlyMap<string, string>): Promise<void>;
}
