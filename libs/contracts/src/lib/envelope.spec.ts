import { createEnvelope, decodeEnvelope, encodeEnvelope, InvalidPayloadError } from './envelope';

const health = {
  job: 'api',
  instance: '127.0.0.1:1',
  url: 'http://127.0.0.1:1/metrics',
  health: 'down' as const,
  lastError: 'connection refused',
  lastScrape: '2026-01-01T00:00:00.000Z',
  scrapeDurationSeconds: 0.01,
};
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('event envelope', () => {
  it('round-trips id, time, source, traceparent and payload through the wire form', () => {
    const env = createEnvelope('neo.target.health.v1', health, { source: 'collector', traceparent });
    const decoded = decodeEnvelope('neo.target.health.v1', encodeEnvelope(env));
    expect(decoded).toEqual({ ok: true, envelope: env });
    expect(env.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(env.traceparent).toBe(traceparent);
  });

  it('applies schema defaults on create', () => {
    const env = createEnvelope(
      'neo.check.result.v1',
      {
        checkId: 'c',
        name: 'c',
        kind: 'http',
        target: 'http://127.0.0.1/',
        success: true,
        durationSeconds: 0.1,
        startedAt: 'now',
      },
      { source: 's' },
    );
    expect(env.payload.labels).toEqual({});
  });

  it('refuses to publish an invalid payload, naming the field', () => {
    expect(() =>
      createEnvelope('neo.target.health.v1', { ...health, health: 'sideways' as 'up' }, { source: 'x' }),
    ).toThrow(InvalidPayloadError);
    expect(() =>
      createEnvelope('neo.target.health.v1', { ...health, health: 'sideways' as 'up' }, { source: 'x' }),
    ).toThrow(/health/);
  });

  it('drops a malformed traceparent rather than propagating garbage', () => {
    const env = createEnvelope('neo.target.health.v1', health, { source: 'c', traceparent: 'nope' });
    expect(env.traceparent).toBeUndefined();
  });

  it.each([
    ['not json', '{oops', /not JSON/],
    ['not an envelope', JSON.stringify({ hello: 1 }), /bad envelope/],
    [
      'wrong channel',
      JSON.stringify({
        ...createEnvelope('neo.target.health.v1', health, { source: 'c' }),
        channel: 'neo.check.result.v1',
      }),
      /arrived on/,
    ],
    [
      'bad payload',
      JSON.stringify({
        ...createEnvelope('neo.target.health.v1', health, { source: 'c' }),
        payload: { job: 1 },
      }),
      /bad payload: job/,
    ],
  ])('decode reports %s with a reason instead of throwing', (_label, raw, reason) => {
    const decoded = decodeEnvelope('neo.target.health.v1', raw);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toMatch(reason);
  });
});
