import { trace } from '@opentelemetry/api';
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
