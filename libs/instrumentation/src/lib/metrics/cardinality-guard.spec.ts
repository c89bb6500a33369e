import { MetricsRegistry } from './metrics-registry';

describe('cardinality guard', () => {
  it('folds values past the cap into "other", counts them and warns once per metric and label', async () => {
    const warnings: string[] = [];
    const metrics = new MetricsRegistry({
      serviceName: 'story-api',
      collectProcessMetrics: false,
      maxLabelValues: 3,
      warn: (message) => warnings.push(message),
    });
    const views = metrics.counter('story_views_total', 'Story views.', ['story', 'kind']);
    for (const story of ['a', 'b', 'c', 'd', 'e', 'a']) views.inc({ story, kind: 'web' });
    views.labels('f', 'web').inc(2);
    const text = await metrics.render();
    expect(text).toMatch(/^story_views_total\{story="a",kind="web",.*\} 2$/m);
    expect(text).toMatch(/^story_views_total\{story="other",kind="web",.*\} 4$/m);
    expect(text).not.toContain('story="d"');
    expect(text).toMatch(/^metric_label_overflow_total\{metric="story_views_total",label="story",.*\} 3$/m);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("story_views_total: label 'story' exceeded 3");
  });

  it('guards histograms and gauges too, and leaves unlabelled metrics alone', async () => {
    const metrics = new MetricsRegistry({
      serviceName: 's',
      collectProcessMetrics: false,
      maxLabelValues: 1,
      warn: () => undefined,
    });
    const latency = metrics.histogram('op_seconds', 'Op latency.', ['op'], [1]);
    latency.observe({ op: 'x' }, 0.5);
    latency.observe({ op: 'y' }, 0.5);
    const gauge = metrics.gauge('queue_depth', 'Depth.', ['queue']);
    gauge.set({ queue: 'q1' }, 1);
    gauge.set({ queue: 'q2' }, 5);
    metrics.counter('plain_total', 'Plain.').inc();
    const text = await metrics.render();
    expect(text).toMatch(/^op_seconds_count\{[^}]*op="other"[^}]*\} 1$/m);
    expect(text).toMatch(/^queue_depth\{queue="other",.*\} 5$/m);
    expect(text).toMatch(/^plain_total\{.*\} 1$/m);
  });
});
