import { parseExposition } from '@neo/domain-metric';
import { getFreePort } from './free-port';
import { startFakeScrapeTarget, type FakeScrapeTarget } from './fake-scrape-target';

async function scrape(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('startFakeScrapeTarget', () => {
  let target: FakeScrapeTarget;

  beforeEach(async () => {
    target = await startFakeScrapeTarget();
  });

  afterEach(() => target.stop());

  it('listens on loopback and serves an empty exposition at first', async () => {
    expect(target.url).toBe(`http://127.0.0.1:${target.port}/metrics`);
    const res = await scrape(target.url);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toBe('');
  });

  it('serves gauges with HELP and TYPE lines that parse back', async () => {
    target.setGauge('queue_depth', 3, { queue: 'a"b' });
    target.setGauge('queue_depth', 4, { queue: 'c' });
    target.setGauge('queue_depth', 5, { queue: 'c' });
    target.setGauge('temperature', -Infinity);
    const { body } = await scrape(target.url);
    expect(body).toContain('# HELP queue_depth ');
    expect(body).toContain('# TYPE queue_depth gauge\n');
    expect(body).toContain('# TYPE temperature gauge\n');
    expect(parseExposition(body).map((s) => [s.labels, s.value])).toEqual([
      [{ __name__: 'queue_depth', queue: 'a"b' }, 3],
      [{ __name__: 'queue_depth', queue: 'c' }, 5],
      [{ __name__: 'temperature' }, -Infinity],
    ]);
  });

  it('counts scrapes of /metrics only', async () => {
    await scrape(target.url);
    await scrape(target.url);
    expect((await scrape(`http://127.0.0.1:${target.port}/other`)).status).toBe(404);
    expect(target.scrapes).toBe(2);
  });

  it('serves a raw body exactly, until a gauge is set again', async () => {
    target.setGauge('a', 1);
    target.setBody('garbage{{{ \n');
    expect((await scrape(target.url)).body).toBe('garbage{{{ \n');
    target.setGauge('b', 2);
    expect(parseExposition((await scrape(target.url)).body).map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('answers with the status set by the test', async () => {
    target.setStatus(503);
    expect((await scrape(target.url)).status).toBe(503);
    target.setStatus(200);
    expect((await scrape(target.url)).status).toBe(200);
  });

  it('rejects invalid names', () => {
    expect(() => target.setGauge('1bad', 1)).toThrow('invalid metric name');
    expect(() => target.setGauge('ok', 1, { 'bad-label': 'x' })).toThrow('invalid label name');
  });

  it('stops refusing connections and restarts on the same port', async () => {
    target.setGauge('up', 1);
    const port = target.port;
    await target.stop();
    await expect(fetch(target.url)).rejects.toThrow();
    await target.start();
    expect(target.port).toBe(port);
    expect(parseExposition((await scrape(target.url)).body)[0].value).toBe(1);
  });

  it('uses the requested port', async () => {
    const port = await getFreePort();
    const fixed = await startFakeScrapeTarget({ port });
    try {
      expect(fixed.port).toBe(port);
      expect((await scrape(fixed.url)).status).toBe(200);
    } finally {
      await fixed.stop();
    }
  });
});
