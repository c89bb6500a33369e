/**
 * Decides which replica runs a check in a slot. `claim` resolves true for exactly one caller per key; a replica
 * that cannot reach the coordinator must get false (running blind would mean running twice).
 */
export interface Coordinator {
  readonly mode: 'local' | 'redis';
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** One runner alone (all-in-one without Redis): every slot is ours. */
export class LocalCoordinator implements Coordinator {
  readonly mode = 'local' as const;

  async claim(): Promise<boolean> {
    return true;
  }
}
