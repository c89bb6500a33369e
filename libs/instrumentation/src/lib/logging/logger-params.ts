import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import { scrubString } from './redaction';
import { createRootLogger, type RootLoggerOptions } from './root-logger';

export interface LoggingOptions extends Omit<RootLoggerOptions, 'level'> {
  readonly level: string;
  /** An existing root logger (ObservabilityModule shares one between Nest and the typed logger). */
  readonly logger?: Logger;
}

/**
 * nestjs-pino settings on the library's root logger. pino-http only binds a request-scoped logger (the access
 * line is written by the HTTP middleware together with the metrics, with the route template and trace ids),
 * and its request serializer is reduced to id, method and scrubbed URL: pino serialises a child's bindings
 * eagerly, so the default serializer would copy and stringify every header of every request.
 */
export function loggerParams(options: LoggingOptions): Params {
  const logger = options.logger ?? createRootLogger(options);
  return {
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
