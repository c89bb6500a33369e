import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { RedisEventBus } from '@neo/transport';
import { TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import type { Envelope } from '@neo/contracts';
import { NeoServiceModule } from './neo-service.module';

async function start(settings: { redisUrl: string; channelPrefix: string }): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      NeoServiceModule.forRoot({
        service: 'story-service',
        settings: {
          port: 0,
          publicUrl: 'http://127.0.0.1:1234',
          logLevel: 'silent',
          heartbeatIntervalMs: 100,
          ...settings,
        },
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function health(app: INestApplication): Promise<{ details: Record<string, Record<string, unknown>> }> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return (await res.json()) as { details: Record<string, Record<string, unknown>> };
}

describe('NeoServiceModule', () => {
  it('on Redis: reports the bus in /health and announces the service with heartbeats', async () => {
    const prefix = uniquePrefix('runtime');
    const listener = new RedisEventBus(TEST_REDIS_URL, { source: 'test', channelPrefix: prefix });
    const beats: Envelope<'neo.service.heartbeat.v1'>[] = [];
    listener.subscribe('neo.service.heartbeat.v1', (envelope) => {
      beats.push(envelope);
    });
    await listener.start();
    const app = await start({ redisUrl: TEST_REDIS_URL, channelPrefix: prefix });
    try {
      expect((await health(app)).details['bus']).toMatchObject({ status: 'up', mode: 'redis' });
      const beat = await waitFor(() => beats[0], { description: 'a heartbeat' });
      expect(beat.source).toBe('story-service');
      expect(beat.payload).toMatchObject({
        service: 'story-service',
        instance: '127.0.0.1:1234',
        url: 'http://127.0.0.1:1234',
        status: 'up',
        bus: 'redis',
      });
    } finally {
      await app.close();
      await listener.close();
    }
  });

  it('publishes security events (here a path traversal attempt) on the bus for the alerter', async () => {
    const prefix = uniquePrefix('runtime-security');
    const listener = new RedisEventBus(TEST_REDIS_URL, { source: 'test', channelPrefix: prefix });
    const events: Envelope<'neo.security.event.v1'>[] = [];
    listener.subscribe('neo.security.event.v1', (envelope) => {
      events.push(envelope);
    });
    await listener.start();
    const app = await start({ redisUrl: TEST_REDIS_URL, channelPrefix: prefix });
    try {
      const { port } = app.getHttpServer().address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/files?name=${encodeURIComponent('../../../etc/passwd')}`);
      const event = await waitFor(() => events[0], { description: 'a security event' });
      expect(event.payload).toMatchObject({
        service: 'story-service',
        kind: 'path_traversal',
        location: 'query',
      });
    } finally {
      await app.close();
      await listener.close();
    }
  });

  it('in all-in-one without Redis: runs on the in-process bus and says so in /health', async () => {
    process.env['NEO_ALL_IN_ONE'] = '1';
    try {
      const app = await start({ redisUrl: '', channelPrefix: uniquePrefix('runtime') });
      expect((await health(app)).details['bus']).toMatchObject({ status: 'up', mode: 'in-process' });
      await app.close();
    } finally {
      delete process.env['NEO_ALL_IN_ONE'];
    }
  });

  it('refuses to run alone without Redis', async () => {
    await expect(start({ redisUrl: '', channelPrefix: 'x' })).rejects.toThrow(/REDIS_URL is required/);
  });
});
