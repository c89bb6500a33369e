import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Span,
} from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders } from 'node:http';
import { currentTracing } from './setup-tracing';

const tracer = () => trace.getTracer('@neo/instrumentation');

/** How the HTTP middleware runs a request: in a recorded server span, in a propagated context, or bare. */
export interface ServerTrace {
  /** Runs the rest of the request pipeline in the request's trace context. */
  run(next: () => void): void;
  /** Names and ends the span once the route and status are known; no-op when nothing is recorded. */
  end(method: string, route: string, url: string, status: number): void;
}

/** For requests that are never traced (probes, scrapes), and every request when tracing is not set up. */
export const UNTRACED: ServerTrace = { run: (next) => next(), end: () => undefined };

const ids = new RandomIdGenerator();

/**
 * The sampling decision for an incoming request, made before any tracing work: parent-based (an incoming
 * `traceparent` decides), else the configured ratio. An unsampled request records nothing but still runs in a
 * trace context of its own (new ids, not sampled): its log lines carry a `trace_id` that ties them together,
 * and outgoing calls pass the decision on so downstream services do not start a trace for it. An unsampled
 * parent is continued the same way.
 */
export function startServerTrace(method: string, headers: IncomingHttpHeaders): ServerTrace {
  const tracing = currentTracing();
  if (!tracing) return UNTRACED;
  const hasParent = headers['traceparent'] !== undefined;
  if (!hasParent && !(tracing.sampleRatio > 0 && Math.random() < tracing.sampleRatio)) {
    return unrecorded(
      trace.setSpanContext(ROOT_CONTEXT, {
        traceId: ids.generateTraceId(),
        spanId: ids.generateSpanId(),
        traceFlags: TraceFlags.NONE,
      }),
    );
  }
  const parent = hasParent ? propagation.extract(ROOT_CONTEXT, headers) : ROOT_CONTEXT;
  const parentSpan = trace.getSpanContext(parent);
  if (parentSpan && (parentSpan.traceFlags & TraceFlags.SAMPLED) === 0) {
    // This service's part of the trace gets its own span id, as a recorded server span would.
    return unrecorded(
      trace.setSpanContext(ROOT_CONTEXT, { ...parentSpan, spanId: ids.generateSpanId(), isRemote: false }),
    );
  }
  // A sampled parent, or a new root that won the ratio: the SDK's parent-based sampler records it.
  const span = tracer().startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
    parent,
  );
  const active = trace.setSpan(parent, span);
  return {
    run: (next) => context.with(active, next),
    end: (_method, route, url, status) => endSpan(span, method, route, url, status),
  };
}

function unrecorded(active: ReturnType<typeof trace.setSpanContext>): ServerTrace {
  return { run: (next) => context.with(active, next), end: () => undefined };
}

function endSpan(span: Span, method: string, route: string, url: string, status: number): void {
  // The query string stays out of the span: it can hold what the access log scrubs.
  const path = url.split('?', 1)[0] ?? url;
  span.updateName(route === 'unmatched' ? method : `${method} ${route}`);
  span.setAttributes({
    'http.route': route,
    'url.path': path,
    'http.response.status_code': status,
  });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
