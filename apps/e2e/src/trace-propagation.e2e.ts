import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { context, trace } from '@opentelemetry/api';
import { setupTracing } from '@neo/instrumentation';
import { RedisEventBus } from '@neo/transport';
import { TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';

describe('trace context crosses Redis', () => {
  it('a consumer in another service continues the publisher trace through a real Redis channel', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = setupTracing({ serviceName: 'e2e-tracing', exporter });
    const prefix = uniquePrefix('trace');
    const collector = new RedisEventBus(TEST_REDIS_URL, { source: 'collector', channelPrefix: prefix });
    const dashboard = new RedisEventBus(TEST_REDIS_URL, { source: 'dashboard-api', channelPrefix: prefix });
    const seenInHandler: string[] = [];
    dashboard.subscribe('neo.target.health.v1', () => {
      const active = trace.getSpan(context.active())?.spanContext();
      if (active) seenInHandler.push(active.traceId);
    });
    await Promise.all([collector.start(), dashboard.start()]);
    try {
      const tracer = trace.getTracer('e2e');
      const rootTraceId = await tracer.startActiveSpan('scrape target', async (span) => {
        await collector.publish('neo.target.health.v1', {
          job: 'api',
          instance: '127.0.0.1:1',
          url: 'http://127.0.0.1:1/metrics',
          health: 'down',
          lastScrape: new Date().toISOString(),
          scrapeDurationSeconds: 0.01,
        });
        span.end();
        return span.spanContext().traceId;
      });
      await waitFor(() => seenInHandler.length > 0, { description: 'consumer handled the event' });
      expect(seenInHandler).toEqual([rootTraceId]);
      await waitFor(
        () => exporter.getFinishedSpans().some((s) => s.name === 'process neo.target.health.v1'),
        { description: 'consumer span exported' },
      );
      const spans = exporter.getFinishedSpans();
      const producer = spans.find((s) => s.name === 'publish neo.target.health.v1');
      const consumer = spans.find((s) => s.name === 'process neo.target.health.v1');
      expect(producer?.spanContext().traceId).toBe(rootTraceId);
      expect(consumer?.spanContext().traceId).toBe(rootTraceId);
      expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    } finally {
      await Promise.all([collector.close(), dashboard.close()]);
      await tracing.shutdown();
    }
  });
});
