import { inProcessCheckState } from '@neo/domain-check';
import type { ApiCheckSource } from './api-check-source';
import type { StoredApiChecks } from './api-checks';

/** All-in-one without Redis: the checks dashboard-api keeps in this process's memory. */
export class InProcessApiCheckSource implements ApiCheckSource {
  private readonly state = inProcessCheckState();

  async read(): Promise<StoredApiChecks> {
    return { stored: Object.fromEntries(this.state.checks), paused: [...this.state.paused] };
  }

  async publishCatalog(entries: ReadonlyMap<string, string>): Promise<void> {
    this.state.catalog.clear();
    for (const [name, json] of entries) this.state.catalog.set(name, json);
  }
}
