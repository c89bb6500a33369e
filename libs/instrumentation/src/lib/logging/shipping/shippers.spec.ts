import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../../../test-support/wait-for';
import { createRootLogger } from '../root-logger';
import { ElasticsearchShipper } from './elasticsearch-shipper';
import { LokiShipper } from './loki-shipper';

interface Received {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A loopback HTTP server standing in for Loki or Elasticsearch; `hold` delays every answer. */
async function receiver(answer: (req: Received, res: ServerResponse) => void) {
  const received: Received[] = [];
  let release: () => void = () => undefined;
  let held = Promise.resolve();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const entry = { path: req.url ?? '', headers: req.headers, body };
      received.push(entry);
      void held.then(() => answer(entry, res));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    hold: () => (held = new Promise((resolve) => (release = resolve))),
    release: () => release(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('log shipping', () => {
  it('pushes to Loki in batches, one stream per label set, without waiting on the network', async () => {
    const loki = await receiver((_req, res) => res.writeHead(204).end());
    const shipper = new LokiShipper({
      url: loki.url,
      labels: { env: 'test' },
      tenant: 'team-a',
      flushIntervalMs: 50,
    });
    const logger = createRootLogger({
      serviceName: 'story-api',
      level: 'info',
      destination: { write: () => undefined },
      shippers: [shipper],
    });
    loki.hold();
    try {
      logger.info({ category: 'business' }, 'story generated');
      logger.info({ category: 'business' }, 'story generated again');
      logger.warn({ category: 'security', user: { password: 'hunter2' } }, 'login failed');
      // The logging calls returned while Loki has not answered: nothing was shipped yet, nothing blocked.
      expect(shipper.stats.shipped).toBe(0);
      await waitFor(() => loki.received.length === 1, { description: 'one push request' });
      loki.release();
      await shipper.flush();
      expect(shipper.stats).toEqual({ shipped: 3, dropped: 0, failedRequests: 0 });
      const [push] = loki.received;
      expect(push?.path).toBe('/loki/api/v1/push');
      expect(push?.headers['content-type']).toBe('application/json');
      expect(push?.headers['x-scope-orgid']).toBe('team-a');
      const streams = (
        JSON.parse(push?.body ?? '{}') as {
          streams: Array<{ stream: Record<string, string>; values: string[][] }>;
        }
      ).streams;
      expect(streams.map((s) => s.stream)).toEqual([
        { env: 'test', service: 'story-api', level: 'info', category: 'business' },
        { env: 'test', service: 'story-api', level: 'warn', category: 'security' },
      ]);
      expect(streams[0]?.values).toHaveLength(2);
      expect(streams[0]?.values[0]?.[0]).toMatch(/^\d{19}$/);
      expect(JSON.parse(streams[0]?.values[0]?.[1] ?? '{}')).toMatchObject({ msg: 'story generated' });
      expect(push?.body).not.toContain('hunter2');
    } finally {
      loki.release();
      await loki.close();
    }
  });

  it('posts NDJSON to the Elasticsearch _bulk API into a daily index, and counts rejected batches as dropped', async () => {
    let reject = false;
    const es = await receiver((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: reject, items: [] })),
    );
    const shipper = new ElasticsearchShipper({
      url: es.url,
      index: 'novel-logs',
      authorization: 'ApiKey abc',
      flushIntervalMs: 20,
    });
    const logger = createRootLogger({
      serviceName: 'story-api',
      level: 'info',
      destination: { write: () => undefined },
      shippers: [shipper],
    });
    try {
      logger.info({ category: 'audit' }, 'story deleted');
      await waitFor(() => shipper.stats.shipped === 1, { description: 'first batch shipped' });
      const [bulk] = es.received;
      expect(bulk?.path).toBe('/_bulk');
      expect(bulk?.headers['content-type']).toBe('application/x-ndjson');
      expect(bulk?.headers['authorization']).toBe('ApiKey abc');
      const [action, doc] = (bulk?.body ?? '')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(action).toEqual({
        index: { _index: expect.stringMatching(/^novel-logs-\d{4}\.\d{2}\.\d{2}$/) },
      });
      expect(doc).toMatchObject({ service: 'story-api', category: 'audit', msg: 'story deleted' });
      expect(typeof doc?.['@timestamp']).toBe('string');
      reject = true;
      logger.info('refused');
      await waitFor(() => shipper.stats.failedRequests === 1, { description: 'rejected batch counted' });
      expect(shipper.stats.dropped).toBe(1);
    } finally {
      await es.close();
    }
  });

  it('drops the oldest lines beyond its buffer while the remote is down, instead of growing without bound', async () => {
    const shipper = new LokiShipper({
      url: 'http://127.0.0.1:9',
      maxBuffered: 5,
      flushIntervalMs: 60_000,
      timeoutMs: 500,
    });
    for (let i = 0; i < 8; i++) shipper.enqueue({ msg: `line ${i}`, time: Date.now() });
    expect(shipper.stats.dropped).toBe(3);
    await shipper.flush();
    expect(shipper.stats).toEqual({ shipped: 0, dropped: 8, failedRequests: 1 });
  });
});
