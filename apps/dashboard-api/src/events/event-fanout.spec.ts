import { createEnvelope, type ChannelName, type Envelope } from '@neo/contracts';
import { EventFanout, type FanoutClient } from './event-fanout';

function client(channels: ChannelName[]): FanoutClient & { received: Envelope[] } {
  const received: Envelope[] = [];
  return { channels: new Set(channels), received, send: (envelope) => received.push(envelope) };
}

const targetEvent = createEnvelope(
  'neo.target.health.v1',
  {
    job: 'api',
    instance: 'a:1',
    url: 'http://a:1/metrics',
    health: 'down',
    lastScrape: '2024-05-01T00:00:00Z',
    scrapeDurationSeconds: 0,
  },
  { source: 'collector' },
);

describe('EventFanout', () => {
  it('delivers an event only to the clients that asked for its channel', () => {
    const fanout = new EventFanout();
    const all = client(['neo.target.health.v1', 'neo.check.result.v1']);
    const checksOnly = client(['neo.check.result.v1']);
    fanout.add(all);
    fanout.add(checksOnly);

    expect(fanout.publish(targetEvent)).toBe(1);
    expect(all.received).toEqual([targetEvent]);
    expect(checksOnly.received).toEqual([]);
  });

  it('stops delivering to a removed client', () => {
    const fanout = new EventFanout();
    const one = client(['neo.target.health.v1']);
    const remove = fanout.add(one);
    remove();

    expect(fanout.publish(targetEvent)).toBe(0);
    expect(fanout.size).toBe(0);
    expect(one.received).toEqual([]);
  });
});
