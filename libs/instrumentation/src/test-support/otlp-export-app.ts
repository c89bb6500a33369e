/**
 * A process that sets tracing up the way a service does (`OTLP_URL`, protocol and batch delay from the
 * environment), records one span and lets the batch processor export it on its own schedule, then shuts
 * down. Run by otlp-export.spec.ts in a plain Node process: the OTLP exporter loads its transport with a
 * dynamic import, which Jest's module loader does not run.
 */
import { trace } from '@opentelemetry/api';
import { setupTracing } from '../index';

const tracing = setupTracing({
  serviceName: 'story-api',
  otlpEndpoint: process.env['OTLP_URL'],
  sampleRatio: 1,
});
trace.getTracer('spec').startSpan('chapter-written').end();
setTimeout(() => void tracing.shutdown().catch(() => undefined), Number(process.env['WAIT_MS'] ?? 1000));
