import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** Share of new root traces that are sampled; child spans follow their parent's decision. */
  readonly sampleRatio?: number;
  /** Overrides the OTLP exporter (tests pass an in-memory exporter). */
  readonly exporter?: SpanExporter;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface TracingHandle {
  readonly serviceName: string;
  /** Whether spans leave the process (an exporter is configured). */
  readonly exporting: boolean;
  shutdown(): Promise<void>;
}

/** One SDK per process: in all-in-one mode four bundles call this, and only the first one starts it. */
const HANDLE_KEY = Symbol.for('neo.instrumentation.tracing');

/**
 * Starts OpenTelemetry before Nest loads so that http/express/nest/ioredis/undici are patched in time.
 * Spans are exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT (or a traces endpoint) is set;
 * otherwise tracing still runs so trace ids reach logs and events, but nothing leaves the process.
 */
export function setupTracing(options: TracingOptions): TracingHandle {
  const holder = globalThis as unknown as Record<symbol, TracingHandle | undefined>;
  const existing = holder[HANDLE_KEY];
  if (existing) return existing;

  const env = options.env ?? process.env;
  const endpointSet = Boolean(
    env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
  );
  // An exporter handed in (tests, custom backends) sees each span as it ends; OTLP batches to spare the network.
  const spanProcessors = options.exporter
    ? [new SimpleSpanProcessor(options.exporter)]
    : endpointSet
      ? [new BatchSpanProcessor(new OTLPTraceExporter())]
      : [];
  const instrumentations = [
    new HttpInstrumentation(),
    new ExpressInstrumentation(),
    new NestInstrumentation(),
    new IORedisInstrumentation(),
    new UndiciInstrumentation(),
  ];
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
    }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanProcessors,
    instrumentations,
    // Metrics and logs go through prom-client and pino; the SDK must not start its own readers.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const handle: TracingHandle = {
    serviceName: options.serviceName,
    exporting: spanProcessors.length > 0,
    shutdown: async () => {
      holder[HANDLE_KEY] = undefined;
      await sdk.shutdown();
    },
  };
  holder[HANDLE_KEY] = handle;
  return handle;
}
