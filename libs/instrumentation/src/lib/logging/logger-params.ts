import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import { scrubString } from './redaction';
import { createRootLogger, type RootLoggerOptions } from './root-logger';

export interface LoggingOptions extends Omit<RootLoggerOptions, 'level'> {
  readonly level: string;
  /** An existing root logger (ObservabilityModule shares one between Nest and the typed logger). */
  readonly logger?: Logger;
  /**
   * Bind a request-scoped logger (pino-http) so Nest log lines inside a request carry `req` (id, method,
   * URL). Off by default: trace_id/span_id already tie those lines to their request, and pino-http's
   * per-request child logger costs several percent of throughput on small routes.
   */
  readonly requestContext?: boolean;
}

/**
 * nestjs-pino settings on the library's root logger. The access line is written by the HTTP middleware
 * together with the metrics (route template, trace ids), so pino-http never auto-logs. When asked to bind a
 * request-scoped logger, its request serializer is reduced to id, method and scrubbed URL: pino serialises a
 * child's bindings eagerly, so the default serializer would copy and stringify every header of every request.
 */
export function loggerParams(options: LoggingOptions): Params {
  const logger = options.logger ?? createRootLogger(options);
  return {
    // No routes: pino-http is then only built to hand nestjs-pino its root logger, never run per request.
    ...(options.requestContext ? {} : { forRoutes: [] }),
    pinoHttp: {
      logger,
      autoLogging: false,
      wrapSerializers: false,
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({
          id: req.id,
          method: req.method,
          url: scrubString(req.url ?? ''),
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
