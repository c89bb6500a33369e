import { STALE_NAN, isStaleMarker } from '@neo/tsdb';
import { retryAfterMs } from './remote-endpoint';
import { SampleQueue } from './sample-queue';

describe('SampleQueue', () => {
  it('hands out the oldest first and drops the oldest when full', () => {
    const queue = new SampleQueue(3);
    const m = { __name__: 'm' };
    expect([1, 2, 3].map((t) => queue.push(1, m, t, t))).toEqual([false, false, false]);
    expect(queue.push(1, m, 4, STALE_NAN)).toBe(true);
    expect(queue.length).toBe(3);
    const first = queue.take(2);
    expect(first.timestamps).toEqual([2, 3]);
    queue.push(2, m, 5, 5);
    const rest = queue.take(10);
    expect(rest.timestamps).toEqual([4, 5]);
    expect(isStaleMarker(rest.values[0])).toBe(true);
    expect(queue.length).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
