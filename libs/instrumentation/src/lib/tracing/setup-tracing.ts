import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** `deployment.environment.name` resource attribute. */
  readonly environment?: string;
  /**
   * Share of new root traces that are sampled; child spans follow their parent's decision. Default:
   * OTEL_TRACES_SAMPLER_ARG, else 0.1 when exporting over OTLP, 1 with an exporter handed in (the caller
   * wants to see spans), 0 when nothing is exported (then no HTTP request is traced; spans started in code,
   * such as the transport's publish spans, still carry ids to logs and event envelopes).
   */
  readonly sampleRatio?: number;
  /** Overrides the OTLP exporter (tests pass an in-memory exporter). */
  readonly exporter?: SpanExporter;
  /** OTLP/HTTP traces endpoint, e.g. `http://tempo:4318/v1/traces`; default from OTEL_EXPORTER_OTLP_* env. */
  readonly otlpEndpoint?: string;
  /** Instrumentations to turn off. */
  readonly disable?: ReadonlyArray<'http' | 'express' | 'nestjs-core' | 'ioredis' | 'undici'>;
  /**
   * Express layer spans (router and route handlers). Off unless asked: in a Nest app the server span already
   * has the route and Nest's instrumentation spans the handler, while the express instrumentation does its
   * per-layer bookkeeping on every request, sampled or not (measured: about 15% more CPU per request on a
   * small route, most of tracing's remaining cost).
   */
  readonly expressLayers?: boolean;
  /**
   * Nest's request-context and handler spans. Off unless asked: the instrumentation starts two spans and two
   * context scopes on every request whatever the sampling decision (about 20% more CPU per request on a small
   * route), and without a sampled server span above them it roots traces of its own for requests that were
   * not sampled. `@Traced()` on the methods that matter gives the handler timing without either cost.
   */
  readonly nestSpans?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Default share of root traces sampled when spans are exported over OTLP. */
export const DEFAULT_OTLP_SAMPLE_RATIO = 0.1;

export interface TracingHandle {
  readonly serviceName: string;
  /** Whether spans leave the process (an exporter is configured). */
  readonly exporting: boolean;
  /** Share of new root traces sampled; the HTTP middleware makes the server-span decision with it. */
  readonly sampleRatio: number;
  shutdown(): Promise<void>;
}

/** The running tracing set-up, if setupTracing was called in this process. */
export function currentTracing(): TracingHandle | undefined {
  return (globalThis as unknown as Record<symbol, TracingHandle | undefined>)[HANDLE_KEY];
}

/** One SDK per process: in all-in-one mode four bundles call this, and only the first one starts it. */
const HANDLE_KEY = Symbol.for('neo.instrumentation.tracing');

/**
 * Starts OpenTelemetry before Nest loads so that http/express/nest/ioredis/undici are patched in time.
 * Spans are exported over OTLP/HTTP only when an endpoint is configured (option or OTEL_EXPORTER_OTLP_*
 * env); otherwise the SDK still runs so spans started in code carry ids to logs and events, but nothing
 * leaves the process.
 */
export function setupTracing(options: TracingOptions): TracingHandle {
  const holder = globalThis as unknown as Record<symbol, TracingHandle | undefined>;
  const existing = holder[HANDLE_KEY];
  if (existing) return existing;

  const env = options.env ?? process.env;
  const endpointSet = Boolean(
    options.otlpEndpoint || env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
  );
  // An exporter handed in (tests, custom backends) sees each span as it ends; OTLP batches to spare the network.
  const spanProcessors = options.exporter
    ? [new SimpleSpanProcessor(options.exporter)]
    : endpointSet
      ? [
          new BatchSpanProcessor(
            new OTLPTraceExporter(options.otlpEndpoint ? { url: options.otlpEndpoint } : {}),
          ),
        ]
      : [];
  const disabled = new Set(options.disable ?? []);
  const sampleRatio = sampleRatioOf(options, env, endpointSet);
  const instrumentations = [
    disabled.has('http')
      ? undefined
      : new HttpInstrumentation({
          // Incoming requests get their server span from the library's HTTP middleware, which decides
          // sampling first and does nothing at all for unsampled requests; the http instrumentation's
          // per-request work (attributes, emitter binding) roughly doubled a small route's CPU even for
          // requests that were never recorded. Outgoing calls keep their client spans and traceparent.
          disableIncomingRequestInstrumentation: true,
        }),
    // Opt-in (see `expressLayers`); when on, middleware layers (body parsers, Nest's middleware) are left out:
    // a span each per request that says little.
    disabled.has('express') || !options.expressLayers
      ? undefined
      : new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    disabled.has('nestjs-core') || !options.nestSpans ? undefined : new NestInstrumentation(),
    disabled.has('ioredis') ? undefined : new IORedisInstrumentation(),
    disabled.has('undici') ? undefined : new UndiciInstrumentation(),
  ].filter((instrumentation) => instrumentation !== undefined);
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
      ...(options.environment ? { 'deployment.environment.name': options.environment } : {}),
    }),
    // NodeSDK registers no tracer provider without a processor; a no-op one keeps ids flowing to logs/events.
    spanProcessors: spanProcessors.length > 0 ? spanProcessors : [new NoopSpanProcessor()],
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampleRatio) }),
    instrumentations,
    // Metrics and logs go through prom-client and pino; the SDK must not start its own readers.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const handle: TracingHandle = {
    serviceName: options.serviceName,
    exporting: spanProcessors.length > 0,
    sampleRatio,
    shutdown: async () => {
      holder[HANDLE_KEY] = undefined;
      await sdk.shutdown();
    },
  };
  holder[HANDLE_KEY] = handle;
  return handle;
}

function sampleRatioOf(
  options: TracingOptions,
  env: Readonly<Record<string, string | undefined>>,
  otlp: boolean,
): number {
  if (options.sampleRatio !== undefined) return options.sampleRatio;
  const fromEnv = Number(env['OTEL_TRACES_SAMPLER_ARG']);
  if (env['OTEL_TRACES_SAMPLER_ARG'] && Number.isFinite(fromEnv)) return Math.min(1, Math.max(0, fromEnv));
  if (options.exporter) return 1;
  return otlp ? DEFAULT_OTLP_SAMPLE_RATIO : 0;
}
