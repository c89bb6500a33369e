import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
} from '@opentelemetry/api';

const tracer = () => trace.getTracer('@neo/transport');

/** The current trace context as a W3C traceparent, or undefined when no trace is active or no SDK runs. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier['traceparent'];
}

/** Publishes inside a producer span so the envelope's traceparent names it as the consumer's parent. */
export async function withProducerSpan<T>(
  channel: string,
  fn: (traceparent: string | undefined) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(`publish ${channel}`, { kind: SpanKind.PRODUCER }, async (span) => {
    try {
      return await fn(currentTraceparent());
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Runs a consumer in a span continuing the publisher's trace. */
export async function withConsumerSpan(
  channel: string,
  traceparent: string | undefined,
  fn: () => Promise<void>,
): Promise<void> {
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  const span = tracer().startSpan(`process ${channel}`, { kind: SpanKind.CONSUMER }, parent);
  try {
    await context.with(trace.setSpan(parent, span), fn);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
