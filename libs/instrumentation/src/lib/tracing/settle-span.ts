import { SpanStatusCode, type Span } from '@opentelemetry/api';

/**
 * Runs `work` and ends `span` when it is done: at once for a plain value, when the promise settles for an
 * asynchronous one. A failure is recorded on the span (exception event, error status with the message) and
 * passed on unchanged. No `async` wrapper: on a request path every extra promise is paid for, and Node 20's
 * context tracking makes each one dearer.
 */
export function endWhenSettled<T>(span: Span, work: () => T): T {
  let result: T;
  try {
    result = work();
  } catch (error) {
    markFailed(span, error);
    span.end();
    throw error;
  }
  if (!isThenable(result)) {
    span.end();
    return result;
  }
  return result.then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      markFailed(span, error);
      span.end();
      throw error;
    },
  ) as T;
}

/**
 * Records a failure on a span as OpenTelemetry's instrumentations do: an exception event (the value itself
 * when it is not an Error) and error status with the message.
 */
export function markFailed(span: Span, error: unknown): void {
  const [exception, message] =
    error instanceof Error ? [error, error.message] : [String(error), String(error)];
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
