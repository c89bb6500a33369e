import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HealthRegistry } from '../health/health-registry';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { processNestLogger, runInServiceLogScope, scopedNestLogger } from './service-log-scope';
import { registerForShutdown } from './shutdown-coordinator';

export interface ServiceDefinition<C> {
  readonly name: string;
  /** Reads and validates config; a throw here ends the process with exit code 1 and the message. */
  loadConfig(): C;
  createModule(config: C): DynamicModule | Type<unknown>;
  listen(config: C): { readonly port: number; readonly host: string; readonly drainMs: number };
  /**
   * A service whose failure to start must not end the process (a sample service beside others in one
   * process): the error is reported and the others keep running.
   */
  readonly optional?: boolean;
  /**
   * Largest JSON or form body accepted, in bytes (Express' default is 100 kB). Services that take pushed
   * data, such as OTLP/JSON, need more.
   */
  bodyLimitBytes?(config: C): number;
}

/**
 * Boots one NEO service the same way everywhere: config first (fail fast, exit 1), Nest with pino as its
 * logger, listen, and registration with the process-wide graceful shutdown.
 */
export async function runService<C>(definition: ServiceDefinition<C>): Promise<INestApplication | undefined> {
  // Only when services share the process: the scope's async context tracking has a cost on every request.
  return process.env['NEO_ALL_IN_ONE'] === '1'
    ? runInServiceLogScope(() =>
        startService(definition, { logger: processNestLogger() }, (own) => scopedNestLogger(own)),
      )
    : startService(definition, { bufferLogs: true }, (own) => own);
}

async function startService<C>(
  definition: ServiceDefinition<C>,
  logging: { bufferLogs: true } | { logger: LoggerService },
  nestLogger: (own: LoggerService) => LoggerService,
): Promise<INestApplication | undefined> {
  let config: C;
  try {
    config = definition.loadConfig();
  } catch (error) {
    process.stderr.write(`${definition.name}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const { port, host, drainMs } = definition.listen(config);
  let app: INestApplication | undefined;
  try {
    const bodyLimit = definition.bodyLimitBytes?.(config);
    const created = await NestFactory.create<NestExpressApplication>(definition.createModule(config), {
      ...logging,
      // Nest's own parsers would reject a larger body before ours run, so they are replaced, not added to.
      ...(bodyLimit ? { bodyParser: false } : {}),
    });
    if (bodyLimit) {
      created.useBodyParser('json', { limit: bodyLimit });
      created.useBodyParser('urlencoded', { extended: true, limit: bodyLimit });
    }
    app = created;
    const logger = app.get(PinoNestLogger);
    app.useLogger(nestLogger(logger));
    await app.listen(port, host);
    const health = app.get(HealthRegistry);
    registerForShutdown(
      { name: definition.name, app, drainMs, beginShutdown: () => health.beginShutdown() },
      (msg) => logger.log(msg, definition.name),
    );
    logger.log(`${definition.name} listening on http://${host}:${port}`, definition.name);
    return app;
  } catch (error) {
    // A port in use or an unreachable dependency at start-up: say so plainly instead of an unhandled rejection.
    process.stderr.write(`${definition.name}: failed to start: ${(error as Error).message}\n`);
    if (definition.optional) {
      // Stop what did start (timers, connections) so the failed service leaves nothing running behind.
      await app?.close().catch(() => undefined);
      return undefined;
    }
    process.exit(1);
  }
}
