import { parseExposition } from '@neo/domain-metric';
import { getFreePort } from './free-port';
import { startFakeScrapeTarget, type FakeScrapeTarget } from './fake-scrape-target';
import { waitFor } from './wait-for';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

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
    expect(target.host).toBe(`127.0.0.1:${target.port}`);
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

  it('leaves scrapes unanswered while hanging, then answers the held ones', async () => {
    target.setGauge('up', 1);
    target.setHanging(true);
    await expect(fetch(target.url, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
    const held = scrape(target.url);
    await waitFor(() => target.scrapes === 2, { description: 'the held scrape to arrive' });
    const settled = await Promise.race([held.then(() => 'answered'), sleep(100).then(() => 'pending')]);
    expect(settled).toBe('pending');
    target.setHanging(false);
    const res = await held;
    expect(res.status).toBe(200);
    expect(parseExposition(res.body)[0].value).toBe(1);
    expect((await scrape(target.url)).status).toBe(200);
    expect(target.scrapes).toBe(3);
  });

  it('stops promptly while a scrape hangs', async () => {
    target.setHanging(true);
    const hung = fetch(target.url).then(
      () => 'answered',
      () => 'dropped',
    );
    await waitFor(() => target.scrapes === 1, { description: 'the hung scrape to arrive' });
    const started = Date.now();
    await target.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hung).toBe('dropped');
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
