import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSelector } from '@neo/domain-metric';
import { isStaleMarker, Tsdb } from '@neo/tsdb';
import { compileRelabelRegex } from './relabel';
import { ScrapeParseError } from './parser/scrape-parse-error';
import type { ScrapeTarget } from './scrape-target';
import { TargetAppender } from './target-appender';

const target: ScrapeTarget = {
  labels: { job: 'api', instance: 'h:1' },
  job: 'api',
  instance: 'h:1',
  scrapeUrl: 'http://h:1/metrics',
  intervalMs: 1000,
  timeoutMs: 1000,
};

describe('TargetAppender', () => {
  let db: Tsdb;

  beforeEach(async () => {
    db = await Tsdb.open({ dataDir: mkdtempSync(join(tmpdir(), 'collector-appender-')) });
  });

  afterEach(async () => {
    await db.close();
  });

  /** Every stored [t, v] of the series selected, stale markers as 'stale'. */
  function samples(selector: string): Array<[number, number | 'stale']> {
    const reader = db.reader();
    try {
      const out: Array<[number, number | 'stale']> = [];
      for (const series of reader.select({ matchers: parseSelector(selector) })) {
        const it = series.iterator();
        while (it.next()) out.push([it.t, isStaleMarker(it.v) ? 'stale' : it.v]);
      }
      return out;
    } finally {
      reader.close();
    }
  }

  it('stores target labels and the report series, and appends unchanged series by cached ref', async () => {
    const appender = new TargetAppender(target, db);
    const first = await appender.append('a{x="1"} 1\nb 2\n', 'text', 1000, 5);
    expect(first).toMatchObject({ scraped: 2, postRelabel: 2, seriesAdded: 2, accepted: 7 });
    const second = await appender.append('a{x="1"} 3\nb 4\n', 'text', 2000, 5);
    expect(second).toMatchObject({ scraped: 2, seriesAdded: 0, accepted: 7 });
    expect(samples('a{job="api",instance="h:1",x="1"}')).toEqual([
      [1000, 1],
      [2000, 3],
    ]);
    expect(samples('up')).toEqual([
      [1000, 1],
      [2000, 1],
    ]);
    expect(samples('scrape_series_added')).toEqual([
      [1000, 2],
      [2000, 0],
    ]);
    expect(samples('scrape_samples_scraped')).toEqual([
      [1000, 2],
      [2000, 2],
    ]);
    expect(samples('scrape_duration_seconds')[0]).toEqual([1000, 0.005]);
    expect(db.stats().series).toBe(7);
  });

  it('marks series stale when they vanish, on a failed scrape, and when the target goes away', async () => {
    const appender = new TargetAppender(target, db);
    await appender.append('a 1\nb 1\nwith_ts 1 500\n', 'text', 1000, 1);
    await appender.append('a 2\n', 'text', 2000, 1);
    expect(samples('b')).toEqual([
      [1000, 1],
      [2000, 'stale'],
    ]);
    // Series with their own timestamps are not staleness-marked, as in Prometheus.
    expect(samples('with_ts')).toEqual([[500, 1]]);

    await appender.appendFailure(3000, 1);
    expect(samples('a')).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 'stale'],
    ]);
    expect(samples('up').at(-1)).toEqual([3000, 0]);

    await appender.append('a 4\n', 'text', 4000, 1);
    await appender.appendEnd(5000);
    expect(samples('a').at(-1)).toEqual([5000, 'stale']);
    expect(samples('up').at(-1)).toEqual([5000, 'stale']);
  });

  it('appends nothing from a malformed body', async () => {
    const appender = new TargetAppender(target, db);
    await expect(appender.append('ok 1\n<html>\n', 'text', 1000, 1)).rejects.toThrow(ScrapeParseError);
    expect(db.stats().samplesAppended).toBe(0);
  });

  it('applies honor_labels, metric_relabel_configs and OpenMetrics timestamps', async () => {
    const appender = new TargetAppender(
      {
        ...target,
        honorLabels: true,
        metricRelabel: [
          {
            action: 'drop',
            sourceLabels: ['__name__'],
            separator: ';',
            regex: compileRelabelRegex('go_.*'),
            targetLabel: '',
            replacement: '$1',
          },
        ],
      },
      db,
    );
    const result = await appender.append(
      'pushed{job="batch"} 1 1.5\ngo_goroutines 10\n# EOF\n',
      'openmetrics',
      2000,
      1,
    );
    expect(result).toMatchObject({ scraped: 2, postRelabel: 1 });
    expect(samples('pushed{job="batch",instance="h:1"}')).toEqual([[1500, 1]]);
    expect(samples('go_goroutines')).toEqual([]);
  });

  it('re-derives the labels of cached series the store no longer knows (removed by retention)', async () => {
    let store = db;
    const switching = {
      appendBatch: (...args: Parameters<Tsdb['appendBatch']>) => store.appendBatch(...args),
      appendSeries: (...args: Parameters<Tsdb['appendSeries']>) => store.appendSeries(...args),
      reader: () => store.reader(),
      stats: () => store.stats(),
    };
    const appender = new TargetAppender(target, switching);
    await appender.append('a{x="1"} 1\n', 'text', 1000, 1);
    const first = db;
    // A store that has none of the cached refs: every one must be resolved from its raw text again.
    db = await Tsdb.open({ dataDir: mkdtempSync(join(tmpdir(), 'collector-appender-')) });
    store = db;
    const result = await appender.append('a{x="1"} 2\n', 'text', 2000, 1);
    expect(result).toMatchObject({ accepted: 6, rejected: { unknown_ref: 0, invalid: 0 } });
    expect(samples('a{job="api",instance="h:1",x="1"}')).toEqual([[2000, 2]]);
    expect(samples('up')).toEqual([[2000, 1]]);
    await appender.append('a{x="1"} 3\n', 'text', 3000, 1);
    expect(samples('a')).toEqual([
      [2000, 2],
      [3000, 3],
    ]);
    await first.close();
  });

  it('finds series by position and by text when a target reorders, adds or drops lines', async () => {
    const appender = new TargetAppender(target, db);
    await appender.append('a 1\nb 1\n', 'text', 1000, 1);
    await appender.append('b 2\na 2\n', 'text', 2000, 1);
    const third = await appender.append('c 3\na 3\nb 3\n', 'text', 3000, 1);
    expect(third).toMatchObject({ seriesAdded: 1, accepted: 8 });
    await appender.append('a 4\n', 'text', 4000, 1);
    expect(samples('a')).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 3],
      [4000, 4],
    ]);
    expect(samples('b')).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 3],
      [4000, 'stale'],
    ]);
    expect(samples('c')).toEqual([
      [3000, 3],
      [4000, 'stale'],
    ]);
  });
});
