import { parseSelector } from '@neo/domain-metric';
import { MemorySampleStore } from './memory-sample-store';

const up = (instance: string) => ({ __name__: 'up', job: 'neo', instance });

async function write(store: MemorySampleStore, samples: Array<[Record<string, string>, number, number]>) {
  const appender = store.appender();
  for (const [labels, t, v] of samples) appender.append(labels, t, v);
  return appender.commit();
}

describe('MemorySampleStore', () => {
  it('returns the latest sample per series at or before the query time', async () => {
    const store = new MemorySampleStore({ retentionMs: 3_600_000, now: () => 0 });
    await write(store, [
      [up('a'), 1000, 1],
      [up('a'), 2000, 0],
      [up('b'), 1500, 1],
    ]);
    const at1500 = await store.selectLatest(parseSelector('up'), 1500);
    expect(at1500.map((s) => [s.labels['instance'], s.value, s.timestampMs])).toEqual([
      ['a', 1, 1000],
      ['b', 1, 1500],
    ]);
    const latest = await store.selectLatest(parseSelector('up{instance="a"}'), 10_000);
    expect(latest).toEqual([{ labels: up('a'), value: 0, timestampMs: 2000 }]);
  });

  it('hides series whose newest sample is older than the 5 minute lookback', async () => {
    const store = new MemorySampleStore({ retentionMs: 3_600_000, now: () => 0 });
    await write(store, [[up('a'), 0, 1]]);
    expect(await store.selectLatest(parseSelector('up'), 299_999)).toHaveLength(1);
    expect(await store.selectLatest(parseSelector('up'), 300_000)).toHaveLength(0);
  });

  it('makes a batch visible only on commit and discards it on rollback', async () => {
    const store = new MemorySampleStore({ retentionMs: 60_000, now: () => 0 });
    const appender = store.appender();
    appender.append(up('a'), 1, 1);
    expect(await store.series(parseSelector('up'))).toEqual([]);
    appender.rollback();
    expect(await appender.commit()).toEqual({ appended: 0, outOfOrder: 0 });
    expect(store.stats().series).toBe(0);
  });

  it('drops out-of-order samples but accepts an identical re-send silently', async () => {
    const store = new MemorySampleStore({ retentionMs: 60_000, now: () => 0 });
    await write(store, [[up('a'), 2000, 1]]);
    expect(
      await write(store, [
        [up('a'), 1000, 5],
        [up('a'), 2000, 7],
        [up('a'), 2000, 1],
      ]),
    ).toEqual({
      appended: 0,
      outOfOrder: 2,
    });
    expect((await store.selectLatest(parseSelector('up'), 3000))[0].value).toBe(1);
  });

  it('treats label order as irrelevant to series identity', async () => {
    const store = new MemorySampleStore({ retentionMs: 60_000, now: () => 0 });
    await write(store, [
      [{ job: 'x', __name__: 'm', instance: 'i' }, 1, 1],
      [{ instance: 'i', __name__: 'm', job: 'x' }, 2, 2],
    ]);
    expect(store.stats()).toMatchObject({ series: 1, samples: 2 });
  });

  it('keeps only the retention window per series and forgets idle series', async () => {
    let now = 0;
    const store = new MemorySampleStore({ retentionMs: 10_000, now: () => now });
    await write(store, [[up('idle'), 0, 1]]);
    for (let t = 0; t <= 20_000; t += 1000) await write(store, [[up('busy'), t, t]]);
    expect(store.stats().samples).toBe(1 + 11);
    now = 120_000;
    await write(store, [[up('busy'), 120_000, 1]]);
    expect((await store.series(parseSelector('up'))).map((l) => l['instance'])).toEqual(['busy']);
    expect(store.stats().samples).toBe(1);
  });
});
