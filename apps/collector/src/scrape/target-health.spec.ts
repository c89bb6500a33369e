import { TargetHealthBook } from './target-health';
import type { ScrapeTarget } from './scrape-target';
import { targetsResponse } from './targets-response';

const target: ScrapeTarget = {
  labels: { job: 'neo', instance: 'h:1' },
  job: 'neo',
  instance: 'h:1',
  scrapeUrl: 'http://h:1/metrics',
  intervalMs: 5000,
  timeoutMs: 4000,
};

describe('TargetHealthBook', () => {
  it('starts unknown and reports a change on the first scrape and on every flip only', () => {
    const book = new TargetHealthBook([target]);
    expect(book.list()[0].health).toBe('unknown');
    expect(book.record(target, { ok: true, durationMs: 5 }, 1).changed).toBe(true);
    expect(book.record(target, { ok: true, durationMs: 5 }, 2).changed).toBe(false);
    const down = book.record(target, { ok: false, error: 'parse error: line 1: x', durationMs: 5 }, 3);
    expect(down).toMatchObject({
      changed: true,
      state: { health: 'down', lastError: 'parse error: line 1: x' },
    });
    expect(book.record(target, { ok: false, error: 'other', durationMs: 5 }, 4).changed).toBe(false);
  });
});

describe('targetsResponse', () => {
  it('renders Prometheus /api/v1/targets fields, with Go zero time before the first scrape', () => {
    const book = new TargetHealthBook([target]);
    const before = targetsResponse(book.list());
    expect(before.status).toBe('success');
    expect(before.data.activeTargets[0]).toMatchObject({
      labels: { job: 'neo', instance: 'h:1' },
      scrapePool: 'neo',
      scrapeUrl: 'http://h:1/metrics',
      health: 'unknown',
      lastError: '',
      lastScrape: '0001-01-01T00:00:00Z',
      scrapeInterval: '5s',
      scrapeTimeout: '4s',
    });
    book.record(target, { ok: false, error: 'boom', durationMs: 1500 }, Date.UTC(2026, 0, 1));
    expect(targetsResponse(book.list()).data.activeTargets[0]).toMatchObject({
      health: 'down',
      lastError: 'boom',
      lastScrape: '2026-01-01T00:00:00.000Z',
      lastScrapeDuration: 1.5,
    });
  });
});
