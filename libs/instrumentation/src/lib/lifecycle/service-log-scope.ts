import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

type Level = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

interface ServiceLogging {
  logger?: LoggerService;
  /** Lines logged in this service's scope before its own logger exists (Nest's start-up lines). */
  readonly pending: Array<{ level: Level; args: unknown[] }>;
}

interface ProcessLogScope {
  readonly storage: AsyncLocalStorage<ServiceLogging>;
  /** The one logger Nest's static `Logger` forwards to: it finds the calling service's own logger. */
  readonly router: LoggerService;
  /** For lines logged outside any service's scope (process-level code): the first service's logger. */
  fallback?: LoggerService;
}

// On globalThis because in all-in-one every service is its own bundle with its own copy of this library,
// while Nest's static Logger (from the shared @nestjs/common) is one per process.
const KEY = Symbol.for('neo.instrumentation.service-log-scope');

function processLogScope(): ProcessLogScope {
  const holder = globalThis as unknown as Record<symbol, ProcessLogScope | undefined>;
  const existing = holder[KEY];
  if (existing) return existing;
  const storage = new AsyncLocalStorage<ServiceLogging>();
  const scope: ProcessLogScope = {
    storage,
    router: {
      log: (...args: unknown[]) => route(scope, 'log', args),
      error: (...args: unknown[]) => route(scope, 'error', args),
      warn: (...args: unknown[]) => route(scope, 'warn', args),
      debug: (...args: unknown[]) => route(scope, 'debug', args),
      verbose: (...args: unknown[]) => route(scope, 'verbose', args),
      fatal: (...args: unknown[]) => route(scope, 'fatal', args),
    },
  };
  holder[KEY] = scope;
  return scope;
}

function route(scope: ProcessLogScope, level: Level, args: unknown[]): void {
  const service = scope.storage.getStore();
  if (service && !service.logger) {
    service.pending.push({ level, args });
    return;
  }
  write(service?.logger ?? scope.fallback, level, args);
}

function write(logger: LoggerService | undefined, level: Level, args: unknown[]): void {
  const [message, ...rest] = args;
  logger?.[level]?.(message, ...rest);
}

/**
 * Several Nest services in one process (all-in-one) share Nest's static `Logger`: with a plain `useLogger`,
 * the last service to start would own every `new Logger('Scrape')` line of the others, and Nest's start-up
 * buffer would hand all services' start-up lines to the first. Run each service's start-up through this
 * instead, create the app with `processNestLogger()` and bind its own logger with `scopedNestLogger()`: what
 * the service starts inside (timers, connections, its HTTP server and so its requests) inherits the scope,
 * and every static-logger line goes to the service it came from.
 */
export function runInServiceLogScope<T>(start: () => Promise<T>): Promise<T> {
  return processLogScope().storage.run({ pending: [] }, start);
}

/** The process's Nest logger in scoped mode, for `NestFactory.create(module, { logger })`. */
export function processNestLogger(): LoggerService {
  return processLogScope().router;
}

/**
 * Binds `logger` to the service whose scope is active, writes what the service logged before it existed,
 * and returns the process's Nest logger for `app.useLogger`.
 */
export function scopedNestLogger(logger: LoggerService): LoggerService {
  const scope = processLogScope();
  const service = scope.storage.getStore();
  scope.fallback ??= logger;
  if (service) {
    service.logger = logger;
    for (const { level, args } of service.pending.splice(0)) write(logger, level, args);
  }
  return scope.router;
}
