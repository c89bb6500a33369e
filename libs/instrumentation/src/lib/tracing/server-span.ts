import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type SpanContext,
  type Tracer,
  type TraceState,
} from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders } from 'node:http';
import { SAMPLED_BY_MIDDLEWARE } from './decided-root-sampler';
import { LinkedContext } from './linked-context';
import { currentTracing, type TracingHandle } from './setup-tracing';

/** Looked up once per tracing set-up: `getTracer` costs as much as a tenth of a sampled request's span. */
let tracerOf: { readonly tracing: TracingHandle; readonly tracer: Tracer } | undefined;

function tracerFor(tracing: TracingHandle): Tracer {
  if (tracerOf?.tracing !== tracing) tracerOf = { tracing, tracer: trace.getTracer('@neo/instrumentation') };
  return tracerOf.tracer;
}

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
 * The ids of an unsampled request, made when first read. Most unsampled requests write no log line and call
 * nothing downstream, so most never need them.
 */
class UnsampledSpanContext implements SpanContext {
  readonly traceFlags = TraceFlags.NONE;
  private trace: string | undefined;
  private span: string | undefined;

  /** A caller's trace id and tracestate when continuing an unsampled parent. */
  constructor(
    traceId?: string,
    readonly traceState?: TraceState,
  ) {
    this.trace = traceId;
  }

  get traceId(): string {
    return (this.trace ??= ids.generateTraceId());
  }

  get spanId(): string {
    return (this.span ??= ids.generateSpanId());
  }
}

/**
 * The sampling decision for an incoming request, made before any tracing work: parent-based (a valid incoming
 * `traceparent` decides), else the configured ratio. A sampled request gets a recorded server span. An
 * unsampled request records nothing but still runs in a trace context of its own (new ids, not sampled): its
 * log lines carry a `trace_id` that ties them together, and outgoing calls pass the decision on so downstream
 * services do not start a trace for it. An unsampled parent is continued the same way, with a span id of this
 * service's own, as a recorded server span would have.
 */
export function startServerTrace(method: string, headers: IncomingHttpHeaders): ServerTrace {
  const tracing = currentTracing();
  if (!tracing) return UNTRACED;
  const carried = LinkedContext.over(
    headers['traceparent'] === undefined && headers['baggage'] === undefined
      ? ROOT_CONTEXT
      : propagation.extract(ROOT_CONTEXT, headers),
  );
  const parent = trace.getSpanContext(carried);
  if (parent) {
    if ((parent.traceFlags & TraceFlags.SAMPLED) === 0) {
      return unrecorded(
        trace.setSpanContext(carried, new UnsampledSpanContext(parent.traceId, parent.traceState)),
      );
    }
    return recorded(tracerFor(tracing), method, carried, carried);
  }
  if (tracing.sampleRatio > 0 && Math.random() < tracing.sampleRatio) {
    // The draw is made here, once: the SDK's root sampler records what the middleware picked.
    return recorded(tracerFor(tracing), method, carried.setValue(SAMPLED_BY_MIDDLEWARE, true), carried);
  }
  return unrecorded(trace.setSpanContext(carried, new UnsampledSpanContext()));
}

function recorded(tracer: Tracer, method: string, sampling: Context, parent: Context): ServerTrace {
  const span = tracer.startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
    sampling,
  );
  const active = trace.setSpan(parent, span);
  return {
    run: (next) => context.with(active, next),
    end: (_method, route, url, status) => endSpan(span, method, route, url, status),
  };
}

function unrecorded(active: Context): ServerTrace {
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
