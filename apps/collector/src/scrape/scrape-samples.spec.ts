import { scrapeSamples, withTargetLabels } from './scrape-samples';
import type { ScrapeTarget } from './scrape-target';

const target: ScrapeTarget = {
  labels: { job: 'neo', instance: 'h:1', team: 'ops' },
  job: 'neo',
  instance: 'h:1',
  scrapeUrl: 'http://h:1/metrics',
  intervalMs: 5000,
  timeoutMs: 4000,
};

describe('scrapeSamples', () => {
  it('attaches the target labels and adds up, scrape_duration_seconds and scrape_samples_scraped', () => {
    const samples = scrapeSamples(
      target,
      { ok: true, durationMs: 250, samples: [{ name: 'm', labels: { __name__: 'm', a: 'b' }, value: 3 }] },
      1000,
    );
    expect(samples).toEqual([
      {
        labels: { __name__: 'm', a: 'b', job: 'neo', instance: 'h:1', team: 'ops' },
        timestampMs: 1000,
        value: 3,
      },
      { labels: { job: 'neo', instance: 'h:1', team: 'ops', __name__: 'up' }, timestampMs: 1000, value: 1 },
      {
        labels: { job: 'neo', instance: 'h:1', team: 'ops', __name__: 'scrape_duration_seconds' },
        timestampMs: 1000,
        value: 0.25,
      },
      {
        labels: { job: 'neo', instance: 'h:1', team: 'ops', __name__: 'scrape_samples_scraped' },
        timestampMs: 1000,
        value: 1,
      },
    ]);
  });

  it('records up 0 and no target series when the scrape failed', () => {
    const samples = scrapeSamples(target, { ok: false, error: 'boom', durationMs: 10 }, 1000);
    expect(samples.map((s) => [s.labels['__name__'], s.value])).toEqual([
      ['up', 0],
      ['scrape_duration_seconds', 0.01],
      ['scrape_samples_scraped', 0],
    ]);
  });

  it('honours a timestamp in the exposition', () => {
    const [sample] = scrapeSamples(
      target,
      {
        ok: true,
        durationMs: 1,
        samples: [{ name: 'm', labels: { __name__: 'm' }, value: 1, timestampMs: 42 }],
      },
      1000,
    );
    expect(sample.timestampMs).toBe(42);
  });
});

describe('withTargetLabels', () => {
  it('keeps a clashing exposed label as exported_<name>', () => {
    expect(
      withTargetLabels({ __name__: 'm', job: 'other', instance: '' }, { job: 'neo', instance: 'h:1' }),
    ).toEqual({
      __name__: 'm',
      exported_job: 'other',
      job: 'neo',
      instance: 'h:1',
    });
  });
});
