import { diag, trace, type TracerProvider } from '@opentelemetry/api';
import { ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
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
import type { DestinationStream } from 'pino';
import { createRootLogger } from '../logging/root-logger';
import { DecidedRootSampler } from './decided-root-sampler';
import { routeDiagnostics } from './diag-log';
import { patchPreloaded } from './patch-preloaded';
import { ScrubbingSpanProcessor } from './scrubbing-span-processor';
import { SampledExpressInstrumentation } from './sampled-express.instrumentation';
import { SampledNestInstrumentation } from './sampled-nest.instrumentation';

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
  /**
   * OTLP/HTTP encoding: `http/protobuf` (OTLP's default, about a third of JSON's bytes and cheaper to
   * encode) or `http/json`. Default from OTEL_EXPORTER_OTLP_TRACES_PROTOCOL / OTEL_EXPORTER_OTLP_PROTOCOL.
   */
  readonly otlpProtocol?: OtlpProtocol;
  /** Instrumentations to turn off. */
  readonly disable?: ReadonlyArray<'http' | 'express' | 'nestjs-core' | 'ioredis' | 'undici'>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where OpenTelemetry's own warnings are written as log lines (default: stdout, like the service's). */
  readonly logDestination?: DestinationStream;
}

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Default share of root traces sampled when spans are exported over OTLP. */
export const DEFAULT_OTLP_SAMPLE_RATIO = 0.1;

export interface TracingHandle {
  readonly serviceName: string;
  /** Whether spans leave the process (an exporter is configured). */
  readonly exporting: boolean;
  /** Share of new root traces sampled; the HTTP middleware makes the server-span decision with it. */
  readonly sampleRatio: number;
  /**
   * Hands every ended span to the exporter. Ended spans can wait: until the resource's asynchronous
   * attributes (host, process) are detected, and in the OTLP batch. Call before reading an in-memory exporter
   * or before a short-lived process exits.
   */
  flush(): Promise<void>;
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
            otlpExporter(options.otlpEndpoint, options.otlpProtocol ?? otlpProtocolOf(env)),
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
          // sampling first and records nothing for unsampled requests; the http instrumentation's
          // per-request work (attributes, emitter binding) roughly doubled a small route's CPU even for
          // requests that were never recorded. Outgoing calls keep their client spans and traceparent.
          disableIncomingRequestInstrumentation: true,
        }),
    // Route and handler spans of sampled requests only (see the classes); middleware layers (body parsers,
    // Nest's middleware) are left out: a span each per request that says little.
    disabled.has('express')
      ? undefined
      : new SampledExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    disabled.has('nestjs-core') ? undefined : new SampledNestInstrumentation(),
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
    // Scrubbing first: processors run in order, and the exporting one must see the scrubbed span.
    spanProcessors:
      spanProcessors.length > 0
        ? [new ScrubbingSpanProcessor(), ...spanProcessors]
        : [new NoopSpanProcessor()],
    sampler: new ParentBasedSampler({
      root: new DecidedRootSampler(new TraceIdRatioBasedSampler(sampleRatio)),
    }),
    instrumentations,
    // Metrics and logs go through prom-client and pino; the SDK must not start its own readers.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  patchPreloaded(instrumentations);
  // After the SDK, which installs a console logger of its own when OTEL_LOG_LEVEL is set, and after the
  // instrumentations' start-up warnings about packages loaded before them, which patchPreloaded answers.
  routeDiagnostics(
    createRootLogger({
      serviceName: options.serviceName,
      level: 'trace',
      ...(options.logDestination ? { destination: options.logDestination } : {}),
    }),
    env,
  );
  const handle: TracingHandle = {
    serviceName: options.serviceName,
    exporting: spanProcessors.length > 0,
    sampleRatio,
    flush: async () => {
      // The global provider is a proxy around the SDK's; the SDK's own is what holds the processors.
      const global = trace.getTracerProvider() as TracerProvider & { getDelegate?: () => TracerProvider };
      const provider = (global.getDelegate?.() ?? global) as TracerProvider & {
        forceFlush?: () => Promise<void>;
      };
      await provider.forceFlush?.();
    },
    shutdown: async () => {
      holder[HANDLE_KEY] = undefined;
      await sdk.shutdown();
      diag.disable();
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

function otlpExporter(url: string | undefined, protocol: OtlpProtocol): SpanExporter {
  const config = url ? { url } : {};
  return protocol === 'http/json' ? new OtlpJsonExporter(config) : new OtlpProtobufExporter(config);
}

/** The OTLP encoding the environment asks for; gRPC is not supported here, so anything else is protobuf. */
function otlpProtocolOf(env: Readonly<Record<string, string | undefined>>): OtlpProtocol {
  const asked = env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'];
  return asked === 'http/json' ? 'http/json' : 'http/protobuf';
}
