import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { ComponentHealth } from '@neo/domain-health';
import type { ContributorResult, HealthContributor } from './health-contributor';

/** An application check: `true`/`false`, or a result with details. Throwing counts as down. */
export type HealthCheckFn = () => boolean | ContributorResult | Promise<boolean | ContributorResult>;

export interface HealthCheckOptions {
  /** Whether the service is unready while this check fails (default false: shown in `/health` only). */
  readonly readiness?: boolean;
  /** Whether the startup probe waits for it (default false). */
  readonly startup?: boolean;
  readonly critical?: boolean;
}

const CHECK_TIMEOUT_MS = 2000;

/** Holds the service's health contributors and its shutdown state. */
export class HealthRegistry {
  private readonly contributors = new Map<string, HealthContributor>();
  private readonly startupChecks = new Set<string>();
  private shuttingDown = false;
  private started = false;

  register(contributor: HealthContributor): void {
    this.contributors.set(contributor.name, contributor);
  }

  /** Registers an application check by name, e.g. `addCheck('story-generation', () => engine.ok())`. */
  addCheck(name: string, check: HealthCheckFn, options: HealthCheckOptions = {}): void {
    this.register({
      name,
      readiness: options.readiness ?? false,
      ...(options.critical !== undefined ? { critical: options.critical } : {}),
      check: async () => {
        const result = await check();
        return typeof result === 'boolean' ? { status: result ? 'up' : 'down' } : result;
      },
    });
    if (options.startup) this.startupChecks.add(name);
  }

  /** The app finished booting (all modules initialised); the startup probe passes from here on. */
  markStarted(): void {
    this.started = true;
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Readiness fails from here on, before the server stops accepting connections. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Terminus indicator functions for the chosen contributors. */
  indicators(scope: 'readiness' | 'all' | 'startup'): Array<() => Promise<HealthIndicatorResult>> {
    if (scope === 'startup') {
      const waitedFor = [...this.contributors.values()].filter((c) => this.startupChecks.has(c.name));
      return [
        async () => ({ startup: { status: this.started ? 'up' : 'down' } }),
        ...waitedFor.map((contributor) => async () => ({ [contributor.name]: await runCheck(contributor) })),
      ];
    }
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
