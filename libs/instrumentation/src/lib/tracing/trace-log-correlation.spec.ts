import { trace } from '@opentelemetry/api';
import { call } from '../../test-support/http';
import { startTracedApp } from '../../test-support/traced-nest-app.module';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { LogCapture } from '../../test-support/log-capture';
import { ObservabilityLogger } from '../logging/observability-logger';
import { createRootLogger } from '../logging/root-logger';
import { setupTracing, type TracingHandle } from './setup-tracing';
import { Traced } from './traced.decorator';

class StoryWriter {
  constructor(private readonly log: ObservabilityLogger) {}

  @Traced({ attributes: { 'story.genre': 0 } })
  async write(genre: string, fail: boolean): Promise<string> {
    this.log.application.info('writing', { genre });
    await new Promise((resolve) => setImmediate(resolve));
    if (fail) throw new Error('the muse left');
    return `a ${genre} story`;
  }

  @Traced({ name: 'outline' })
  outline(): number {
    return 3;
  }
}

describe('tracing: @Traced spans and trace ids in every log line inside a span', () => {
  let tracing: TracingHandle;
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    tracing = setupTracing({ serviceName: 'story-writer', exporter });
  });

  afterAll(async () => {
    await tracing.shutdown();
  });

  it('names spans after class and method, records attributes when asked, and records errors', async () => {
    const out = new LogCapture();
    const writer = new StoryWriter(
      new ObservabilityLogger(createRootLogger({ serviceName: 's', level: 'info', destination: out })),
    );
    await expect(writer.write('noir', false)).resolves.toBe('a noir story');
    await expect(writer.write('saga', true)).rejects.toThrow('the muse left');
    expect(writer.outline()).toBe(3);
    const spans = exporter.getFinishedSpans();
    const [ok, failed, outline] = spans;
    expect(ok?.name).toBe('StoryWriter.write');
    expect(ok?.attributes['story.genre']).toBe('noir');
    expect(failed?.status.code).toBe(2);
    expect(failed?.events.some((event) => event.name === 'exception')).toBe(true);
    expect(outline?.name).toBe('outline');
    const lines = out.lines;
    expect(lines[0]).toMatchObject({
      trace_id: ok?.spanContext().traceId,
      span_id: ok?.spanContext().spanId,
    });
    expect(lines[1]).toMatchObject({ trace_id: failed?.spanContext().traceId });
  });

  it('records a server span per sampled request, joins an incoming trace, and stamps the access line', async () => {
    const logs = new LogCapture();
    const { port, close } = await startTracedApp(logs);
    try {
      exporter.reset();
      const own = JSON.parse((await call(port, '/stories/7')).body) as { traceparent: string };
      const parentTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
      const joined = JSON.parse(
        (
          await call(port, '/stories/8', {
            headers: { traceparent: `00-${parentTrace}-00f067aa0ba902b7-01` },
          })
        ).body,
      ) as { traceparent: string };
      const unsampledTrace = '0af7651916cd43dd8448eb211c80319c';
      const unsampled = JSON.parse(
        (
          await call(port, '/stories/9', {
            headers: { traceparent: `00-${unsampledTrace}-b7ad6b7169203331-00` },
          })
        ).body,
      ) as { traceparent: string };
      await call(port, '/health/live');

      const servers = exporter.getFinishedSpans().filter((span) => span.kind === 1);
      expect(servers.map((span) => span.name)).toEqual(['GET /stories/:id', 'GET /stories/:id']);
      const [first, second] = servers;
      expect(first?.attributes).toMatchObject({
        'http.route': '/stories/:id',
        'url.path': '/stories/7',
        'http.response.status_code': 200,
      });
      expect(own.traceparent).toContain(first?.spanContext().traceId);
      expect(second?.spanContext().traceId).toBe(parentTrace);
      expect(second?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
      expect(joined.traceparent).toContain(parentTrace);
      // An unsampled caller: nothing recorded, but the decision travels on so downstream does not restart it.
      expect(unsampled.traceparent).toMatch(new RegExp(`^00-${unsampledTrace}-[0-9a-f]{16}-00$`));

      const access = logs.lines.filter((line) => line['msg'] === 'request completed');
      expect(access).toHaveLength(3);
      expect(access[0]).toMatchObject({
        trace_id: first?.spanContext().traceId,
        span_id: first?.spanContext().spanId,
      });
      expect(access[1]).toMatchObject({ trace_id: parentTrace });
    } finally {
      await close();
    }
  });

  it('puts trace_id and span_id on lines inside a span and none outside', () => {
    const out = new LogCapture();
    const root = createRootLogger({ serviceName: 's', level: 'info', destination: out });
    root.info('before');
    const ids = trace.getTracer('t').startActiveSpan('work', (span) => {
      root.child({ component: 'x' }).warn('inside');
      span.end();
      return span.spanContext();
    });
    root.info('after');
    const [before, inside, after] = out.lines;
    expect(before?.['trace_id']).toBeUndefined();
    expect(inside).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    expect(after?.['trace_id']).toBeUndefined();
  });
});
