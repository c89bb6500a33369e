import type { INestApplication } from '@nestjs/common';

interface RunningService {
  readonly name: string;
  readonly app: INestApplication;
  readonly drainMs: number;
  /**
   * Turns readiness to 503. Passed in rather than looked up by class: in all-in-one each bundle has its own
   * copy of the instrumentation classes, so another bundle's class token would not be found in this app.
   */
  readonly beginShutdown: () => void;
}

interface CoordinatorState {
  services: RunningService[];
  shuttingDown: boolean;
  signalsInstalled: boolean;
}

/** Shared across bundles (all-in-one loads four apps into one process); one signal handler closes them all. */
const STATE_KEY = Symbol.for('neo.instrumentation.shutdown');

function state(): CoordinatorState {
  const holder = globalThis as unknown as Record<symbol, CoordinatorState | undefined>;
  holder[STATE_KEY] ??= { services: [], shuttingDown: false, signalsInstalled: false };
  return holder[STATE_KEY];
}

export function registerForShutdown(service: RunningService, log: (msg: string) => void): void {
  const current = state();
  current.services.push(service);
  if (current.signalsInstalled) return;
  current.signalsInstalled = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log(`${signal} received: draining`);
      void shutdownAll().then(
        () => process.exit(0),
        (error: unknown) => {
          log(`shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
    });
  }
}

/**
 * Graceful stop: readiness turns 503 first, then after the drain period each app closes (the HTTP server stops
 * accepting and finishes in-flight requests, subscriptions and Redis connections close in Nest's hooks).
 */
export async function shutdownAll(): Promise<void> {
  const current = state();
  if (current.shuttingDown) return;
  current.shuttingDown = true;
  const services = [...current.services];
  for (const service of services) {
    service.beginShutdown();
  }
  const drainMs = Math.max(0, ...services.map((s) => s.drainMs));
  await new Promise((resolve) => setTimeout(resolve, drainMs));
  await Promise.all(services.map(({ app }) => app.close()));
  current.services = [];
}
