import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import {
  AlwaysOnSampler,
  InMemorySpanExporter,
  SamplingDecision,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { call } from '../../test-support/http';
import { LogCapture } from '../../test-support/log-capture';
import { startTracedApp } from '../../test-support/traced-nest-app.module';
import { DecidedRootSampler, SAMPLED_BY_MIDDLEWARE } from './decided-root-sampler';
import { setupTracing, type TracingHandle } from './setup-tracing';

describe('DecidedRootSampler', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

  it('records a root the middleware sampled, whatever the ratio says', () => {
    const sampler = new DecidedRootSampler(new TraceIdRatioBasedSampler(0));
    const picked = ROOT_CONTEXT.setValue(SAMPLED_BY_MIDDLEWARE, true);
    expect(sampler.shouldSample(picked, traceId, 'GET', SpanKind.SERVER, {}, []).decision).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
  });

  it('leaves every other root to the ratio', () => {
    expect(
      new DecidedRootSampler(new TraceIdRatioBasedSampler(0)).shouldSample(
        ROOT_CONTEXT,
        traceId,
        'publish',
        SpanKind.PRODUCER,
        {},
        [],
      ).decision,
    ).toBe(SamplingDecision.NOT_RECORD);
    expect(
      new DecidedRootSampler(new AlwaysOnSampler()).shouldSample(
        ROOT_CONTEXT,
        traceId,
        'publish',
        SpanKind.PRODUCER,
        {},
        [],
      ).decision,
    ).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });
});

describe('tracing: the configured share of new requests is recorded', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: TracingHandle;

  beforeAll(() => {
    tracing = setupTracing({ serviceName: 'story-api', exporter, sampleRatio: 0.5 });
  });

  afterAll(async () => {
    await tracing.shutdown();
  });

  it('records about half of 300 requests at ratio 0.5, and exactly those it passes on as sampled', async () => {
    const { port, close } = await startTracedApp(new LogCapture());
    try {
      const passedOn: string[] = [];
      for (let i = 0; i < 300; i++) {
        const answer = JSON.parse((await call(port, `/stories/${i}`)).body) as { traceparent: string };
        passedOn.push(answer.traceparent);
      }
      await tracing.flush();
      const recorded = new Set(
        exporter
          .getFinishedSpans()
          .filter((span) => span.kind === SpanKind.SERVER)
          .map((span) => span.spanContext().traceId),
      );
      // Binomial(300, 0.5): 150 ± 8.7. Drawing twice (the SDK re-sampling the middleware's pick) gives 75.
      expect(recorded.size).toBeGreaterThanOrEqual(110);
      expect(recorded.size).toBeLessThanOrEqual(190);
      const sampledDownstream = passedOn.filter((traceparent) => traceparent.endsWith('-01'));
      expect(sampledDownstream).toHaveLength(recorded.size);
      for (const traceparent of sampledDownstream) {
        expect(recorded.has(traceparent.split('-')[1] as string)).toBe(true);
      }
    } finally {
      await close();
    }
  }, 30_000);
});
