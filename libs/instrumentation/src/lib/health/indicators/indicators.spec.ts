import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectTestRedis } from '../../../test-support/redis';
import { diskIndicator } from './disk.indicator';
import { eventLoopIndicator } from './event-loop.indicator';
import { httpIndicator } from './http.indicator';
import { heapIndicator, rssIndicator } from './memory.indicator';
import { redisIndicator } from './redis.indicator';

describe('built-in health indicators', () => {
  it('redis: up on a live connection to the real Redis, down once it is closed', async () => {
    const redis = await connectTestRedis();
    const indicator = redisIndicator(redis);
    expect(await indicator.check()).toMatchObject({ status: 'up', pingMs: expect.any(Number) });
    redis.disconnect();
    expect(await indicator.check()).toMatchObject({ status: 'down' });
    expect(indicator.readiness).toBe(true);
  });

  it('http: up on an expected status from a loopback dependency, down otherwise', async () => {
    let status = 200;
    const server: Server = createServer((_req, res) => res.writeHead(status).end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const indicator = httpIndicator({ name: 'model-api', url: `http://127.0.0.1:${port}/health` });
      expect(await indicator.check()).toMatchObject({ status: 'up', statusCode: 200 });
      status = 503;
      expect(await indicator.check()).toMatchObject({ status: 'down', statusCode: 503 });
      const strict = httpIndicator({ name: 'x', url: `http://127.0.0.1:${port}/`, expectStatus: [503] });
      expect(await strict.check()).toMatchObject({ status: 'up' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('heap, rss, disk and event loop report against their limits', async () => {
    expect(await heapIndicator().check()).toMatchObject({ status: 'up' });
    expect(await heapIndicator({ limitBytes: 1 }).check()).toMatchObject({ status: 'down' });
    expect(await rssIndicator({ limitBytes: 1 }).check()).toMatchObject({ status: 'down' });
    expect(await diskIndicator('/', { maxUsedRatio: 1 }).check()).toMatchObject({ status: 'up', path: '/' });
    expect(await diskIndicator('/', { maxUsedRatio: 0 }).check()).toMatchObject({ status: 'down' });
    expect((await eventLoopIndicator({ maxLagMs: 10_000 }).check()).status).toBe('up');
  });
});
