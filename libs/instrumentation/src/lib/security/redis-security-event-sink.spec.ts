import { decodeEnvelope } from '@neo/contracts';
import { connectTestRedis, TEST_REDIS_URL, uniquePrefix } from '../../test-support/redis';
import { waitFor } from '../../test-support/wait-for';
import { detectAttacks } from './attack-patterns';
import { RedisSecurityEventSink } from './redis-security-event-sink';

describe('security events', () => {
  it('RedisSecurityEventSink publishes NEO envelopes a bus subscriber decodes', async () => {
    const prefix = uniquePrefix('security');
    const subscriber = await connectTestRedis();
    const received: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe(`${prefix}neo.security.event.v1`);
    const sink = new RedisSecurityEventSink({
      url: TEST_REDIS_URL,
      source: 'story-api',
      channelPrefix: prefix,
    });
    try {
      await sink.publish('neo.security.event.v1', {
        service: 'story-api',
        kind: 'rate_limited',
        method: 'POST',
        route: '/stories',
        client: '10.0.0.7',
        statusCode: 429,
        at: new Date().toISOString(),
      });
      await waitFor(() => received.length === 1, { description: 'event received' });
      const decoded = decodeEnvelope('neo.security.event.v1', received[0]);
      expect(decoded.ok && decoded.envelope).toMatchObject({
        source: 'story-api',
        channel: 'neo.security.event.v1',
        payload: { kind: 'rate_limited', client: '10.0.0.7', statusCode: 429 },
      });
    } finally {
      await sink.close();
      subscriber.disconnect();
    }
  });

  it.each([
    ["/users?id=1' OR '1'='1", 'sql_injection'],
    ['/search?q=1 UNION SELECT password FROM users', 'sql_injection'],
    ["name=x'; DROP TABLE stories; --", 'sql_injection'],
    ['<img src=x onerror=alert(1)>', 'xss'],
    ['javascript:alert(document.cookie)', 'xss'],
    ['/files/../../etc/passwd', 'path_traversal'],
  ])('flags %s as %s', (text, kind) => {
    expect(detectAttacks(text)).toContain(kind);
  });

  it.each([
    '/stories/st_42?page=2&sort=-created',
    'Select a hero from the list and join the party',
    "The detective's notes: 1 = 1, or so she thought",
    'version 1.2.3 of the engine',
  ])('does not flag ordinary input: %s', (text) => {
    expect(detectAttacks(text)).toEqual([]);
  });
});
