import { trace } from '@opentelemetry/api';

const INVALID_TRACE_ID = '00000000000000000000000000000000';

/**
 * pino mixin: the active span's ids on every line written inside a span, so logs join their trace. Returns a
 * fresh object each time because pino merges the line's fields into it.
 */
export function traceMixin(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return traceId === INVALID_TRACE_ID ? {} : { trace_id: traceId, span_id: spanId };
}
