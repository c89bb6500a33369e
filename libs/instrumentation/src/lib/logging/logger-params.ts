import { trace } from '@opentelemetry/api';
import type { Params } from 'nestjs-pino';

export interface LoggingOptions {
  readonly serviceName: string;
  readonly level: string;
}

/** Probes and scrapes hit these every few seconds; logging each would drown real requests. */
const QUIET_PATHS = ['/metrics', '/health'];

/** pino settings: JSON lines with the service name, the active trace and span ids, and no credentials. */
export function loggerParams(options: LoggingOptions): Params {
  return {
    pinoHttp: {
      level: options.level,
      base: { service: options.serviceName, pid: process.pid },
      messageKey: 'msg',
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        return span && span.traceId !== '00000000000000000000000000000000'
          ? { trace_id: span.traceId, span_id: span.spanId }
          : {};
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
        ],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (req) => QUIET_PATHS.some((p) => (req.url ?? '').startsWith(p)) },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
