import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@neo/contracts';
import type { EventBus } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';
import { checkBusHealth } from './bus-health';
import { redisOptionsFromUrl } from './redis-connection';
import { RedisEventBus } from './redis-event-bus';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const health = {
  job: 'api',
  instance: '127.0.0.1:1',
  url: 'http://127.0.0.1:1/metrics',
  health: 'down' as const,
  lastScrape: new Date(0).toISOString(),
  scrapeDurationSeconds: 0.01,
};

function eventually<T>(get: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = get();
      if (value !== undefined) return resolve(value);
      if (Date.now() > deadline) return reject(new Error('timed out waiting'));
      setTimeout(tick, 20);
    };
    tick();
  });
}

type Factory = (prefix: string, source: string) => EventBus;
const kinds: Array<[string, Factory, (prefix: string, channel: string, raw: string) => Promise<void>]> = [
  [
    'redis',
    (prefix, source) => new RedisEventBus(REDIS_URL, { source, channelPrefix: prefix }),
    async (prefix, channel, raw) => {
      const redis = new Redis(redisOptionsFromUrl(REDIS_URL));
      await redis.publish(prefix + channel, raw);
      await redis.quit();
    },
  ],
  [
    'in-process',
    (prefix, source) => new InProcessEventBus({ source, channelPrefix: prefix }),
    async (prefix, channel, raw) => {
      new InProcessEventBus({ source: 'raw', channelPrefix: prefix }).publishRaw('neo.target.health.v1', raw);
      void channel;
    },
  ],
];

describe.each(kinds)('%s event bus', (_kind, make, publishRaw) => {
  let prefix: string;
  let publisher: EventBus;
  let consumer: EventBus;
  let received: Envelope<'neo.target.health.v1'>[];

  beforeEach(async () => {
    prefix = `test-${randomUUID()}:`;
    received = [];
    publisher = make(prefix, 'collector');
    consumer = make(prefix, 'dashboard-api');
    consumer.subscribe('neo.target.health.v1', (envelope) => {
      received.push(envelope);
    });
    await Promise.all([publisher.start(), consumer.start()]);
  });

  afterEach(async () => {
    await Promise.all([publisher.close(), consumer.close()]);
  });

  it('delivers a validated, typed envelope from another service', async () => {
    await publisher.publish('neo.target.health.v1', health);
    const envelope = await eventually(() => received[0]);
    expect(envelope.payload).toEqual(health);
    expect(envelope.source).toBe('collector');
    expect(envelope.channel).toBe('neo.target.health.v1');
  });

  it('drops a malformed message with a counted reason and keeps delivering', async () => {
    await publishRaw(prefix, 'neo.target.health.v1', '{not json');
    await publishRaw(
      prefix,
      'neo.target.health.v1',
      JSON.stringify({ id: 'x', channel: 'neo.target.health.v1' }),
    );
    await eventually(() => (consumer.stats.dropped >= 2 ? true : undefined));
    await publisher.publish('neo.target.health.v1', { ...health, health: 'up' });
    const envelope = await eventually(() => received[0]);
    expect(envelope.payload.health).toBe('up');
    expect(received).toHaveLength(1);
  });

  it('survives a handler that throws', async () => {
    const other = make(prefix, 'alerter');
    let calls = 0;
    other.subscribe('neo.target.health.v1', () => {
      calls++;
      throw new Error('boom');
    });
    await other.start();
    await publisher.publish('neo.target.health.v1', health);
    await publisher.publish('neo.target.health.v1', health);
    await eventually(() => (calls === 2 ? true : undefined));
    expect(other.stats.dropped).toBe(2);
    await other.close();
  });

  it('refuses late subscriptions, which would silently miss messages', () => {
    expect(() => consumer.subscribe('neo.check.result.v1', () => undefined)).toThrow(/before the bus starts/);
  });

  it('reports health with its mode', async () => {
    const redis = new Redis(redisOptionsFromUrl(REDIS_URL));
    const result = await checkBusHealth(consumer, redis);
    expect(result.bus.status).toBe('up');
    expect(result.bus['mode']).toBe(consumer.mode);
    await redis.quit();
  });
});

describe('redis event bus without Redis', () => {
  it('is reported down when it cannot reach Redis', async () => {
    const bus = new RedisEventBus('redis://127.0.0.1:1', { source: 'x' });
    const result = await checkBusHealth(bus, null);
    expect(result.bus.status).toBe('down');
    await bus.close();
  });
});
