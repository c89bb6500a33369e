import { StoredCheckV1 } from '@neo/contracts';
import { inProcessCheckState } from '@neo/domain-check';
import type { ChecksStore } from './checks-store';

/**
 * All-in-one without Redis: checks live in this process's memory, in the state synthetic-runner (loaded in the
 * same process) reads, so API-made checks still run. Not shared with other processes, gone on restart.
 */
export class MemoryChecksStore implements ChecksStore {
  readonly kind = 'memory' as const;
  private readonly state = inProcessCheckState();

  async stored(): Promise<StoredCheckV1[]> {
    return [...this.state.checks.values()].map((json) => StoredCheckV1.parse(JSON.parse(json)));
  }

  async get(name: string): Promise<StoredCheckV1 | undefined> {
    const json = this.state.checks.get(name);
    return json === undefined ? undefined : StoredCheckV1.parse(JSON.parse(json));
  }

  async put(check: StoredCheckV1): Promise<void> {
    this.state.checks.set(check.name, JSON.stringify(check));
  }

  async delete(name: string): Promise<boolean> {
    this.state.paused.delete(name);
    return this.state.checks.delete(name);
  }

  async setPaused(name: string, paused: boolean): Promise<void> {
    if (paused) this.state.paused.add(name);
    else this.state.paused.delete(name);
  }

  async paused(): Promise<Set<string>> {
    return new Set(this.state.paused);
  }

  async catalog(): Promise<Map<string, Record<string, unknown>>> {
    return new Map(
      [...this.state.catalog].map(([name, json]) => [name, JSON.parse(json) as Record<string, unknown>]),
    );
  }
}
