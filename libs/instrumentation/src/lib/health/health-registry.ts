import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { ComponentHealth } from '@neo/domain-health';
import type { ContributorResult, HealthContributor } from './health-contributor';

const CHECK_TIMEOUT_MS = 2000;

/** Holds the service's health contributors and its shutdown state. */
export class HealthRegistry {
  private readonly contributors = new Map<string, HealthContributor>();
  private shuttingDown = false;

  register(contributor: HealthContributor): void {
    this.contributors.set(contributor.name, contributor);
  }

  /** Readiness fails from here on, before the server stops accepting connections. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Terminus indicator functions for the chosen contributors. */
  indicators(scope: 'readiness' | 'all'): Array<() => Promise<HealthIndicatorResult>> {
    const chosen = [...this.contributors.values()].filter((c) => scope === 'all' || c.readiness);
    return [
      async () => ({ shutdown: { status: this.shuttingDown ? 'down' : 'up' } }),
      ...chosen.map((contributor) => async () => ({ [contributor.name]: await runCheck(contributor) })),
    ];
  }

  /** Every contributor's state, for heartbeats and overviews. */
  async components(): Promise<ComponentHealth[]> {
    const results = await Promise.all(
      [...this.contributors.values()].map(async (contributor) => {
        const result = await runCheck(contributor);
        const message = typeof result['message'] === 'string' ? result['message'] : undefined;
        return {
          name: contributor.name,
          status: result.status,
          critical: contributor.critical ?? contributor.readiness,
          ...(message ? { message } : {}),
        } satisfies ComponentHealth;
      }),
    );
    if (this.shuttingDown) {
      results.push({ name: 'shutdown', status: 'down', critical: true, message: 'shutting down' });
    }
    return results;
  }
}

async function runCheck(contributor: HealthContributor): Promise<ContributorResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      contributor.check(),
      new Promise<ContributorResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ status: 'down', message: `check timed out after ${CHECK_TIMEOUT_MS} ms` }),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    return { status: 'down', message: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
