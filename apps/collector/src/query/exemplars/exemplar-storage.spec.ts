import { ExemplarStorage } from './exemplar-storage';

const trace = (id: string) => ({ trace_id: id });

describe('ExemplarStorage (one ring shared by all series, as Prometheus)', () => {
  it('keeps at most `capacity` exemplars, overwriting the oldest, and forgets series left with none', () => {
    const storage = new ExemplarStorage(3);
    storage.append({ __name__: 'a' }, { labels: trace('1'), value: 1, timestampMs: 1000 });
    storage.append({ __name__: 'b' }, { labels: trace('2'), value: 2, timestampMs: 1000 });
    storage.append({ __name__: 'a' }, { labels: trace('3'), value: 3, timestampMs: 2000 });
    expect([storage.size, storage.seriesCount]).toEqual([3, 2]);

    // Two more for `a` overwrite a's first and b's only exemplar: b is forgotten.
    storage.append({ __name__: 'a' }, { labels: trace('4'), value: 4, timestampMs: 3000 });
    storage.append({ __name__: 'a' }, { labels: trace('5'), value: 5, timestampMs: 4000 });
    expect([storage.size, storage.seriesCount]).toEqual([3, 1]);
    const all = storage.select(-Infinity, Infinity, [[]]);
    expect(all).toEqual([
      {
        seriesLabels: { __name__: 'a' },
        exemplars: [
          { labels: trace('3'), value: 3, timestampMs: 2000 },
          { labels: trace('4'), value: 4, timestampMs: 3000 },
          { labels: trace('5'), value: 5, timestampMs: 4000 },
        ],
      },
    ]);
  });

  it('keeps nothing with capacity 0 (storage.max_exemplars: 0)', () => {
    const storage = new ExemplarStorage(0);
    storage.append({ __name__: 'a' }, { labels: trace('1'), value: 1, timestampMs: 1000 });
    expect([storage.size, storage.seriesCount]).toEqual([0, 0]);
  });

  it('stays bounded when one series overwrites itself for a long time', () => {
    const storage = new ExemplarStorage(1);
    for (let t = 0; t < 1000; t++)
      storage.append({ __name__: 'a' }, { labels: trace(String(t)), value: t, timestampMs: t });
    expect([storage.size, storage.seriesCount]).toEqual([1, 1]);
    expect(storage.select(0, 1000, [[]])[0].exemplars).toEqual([
      { labels: trace('999'), value: 999, timestampMs: 999 },
    ]);
  });

  it('refuses duplicates, out-of-order exemplars and labels over 128 characters; selects by matchers and time', () => {
    const storage = new ExemplarStorage(10);
    const series = { __name__: 'req_bucket', le: '0.5', job: 'api' };
    expect(storage.append(series, { labels: trace('x'), value: 0.3, timestampMs: 2000 })).toBeUndefined();
    expect(storage.append(series, { labels: trace('x'), value: 0.3, timestampMs: 2000 })).toBe('duplicate');
    expect(storage.append(series, { labels: trace('y'), value: 0.2, timestampMs: 1000 })).toBe(
      'out_of_order',
    );
    expect(
      storage.append(series, { labels: { trace_id: 'z'.repeat(121) }, value: 1, timestampMs: 3000 }),
    ).toBe('label_length');
    storage.append({ __name__: 'other' }, { labels: trace('o'), value: 1, timestampMs: 2500 });

    const byJob = storage.select(0, 5000, [[{ name: 'job', op: '=', value: 'api' }]]);
    expect(byJob.map((s) => s.seriesLabels)).toEqual([series]);
    expect(storage.select(2001, 5000, [[{ name: 'job', op: '=', value: 'api' }]])).toEqual([]);
    expect(
      storage.select(0, 5000, [[{ name: '__name__', op: '=~', value: 'req_bucket|other' }]]),
    ).toHaveLength(2);
  });
});
