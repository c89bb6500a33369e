import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { Logger } from 'pino';

const LEVELS: Readonly<Record<string, DiagLogLevel>> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * OpenTelemetry's own diagnostics (spans dropped because the export queue is full, exports that fail) as the
 * service's JSON log lines, with `component: "opentelemetry"`. Without a diag logger the SDK says nothing, and
 * a collector that is down or too slow loses spans silently. Level from OTEL_LOG_LEVEL (as the SDK reads it),
 * default warn.
 */
export function routeDiagnostics(logger: Logger, env: Readonly<Record<string, string | undefined>>): void {
  const level = LEVELS[(env['OTEL_LOG_LEVEL'] ?? 'warn').toLowerCase()] ?? DiagLogLevel.WARN;
  const component = logger.child({ component: 'opentelemetry' });
  const line =
    (write: (text: string) => void) =>
    (message: string, ...args: unknown[]): void =>
      write(args.length === 0 ? message : `${message} ${args.map(describe).join(' ')}`);
  const diagLogger: DiagLogger = {
    error: line((text) => component.error(text)),
    warn: line((text) => component.warn(text)),
    info: line((text) => component.info(text)),
    debug: line((text) => component.debug(text)),
    verbose: line((text) => component.trace(text)),
  };
  diag.setLogger(diagLogger, { logLevel: level, suppressOverrideMessage: true });
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
