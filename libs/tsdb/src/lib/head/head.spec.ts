import { sameFloatBits, STALE_NAN } from '../encoding/float-bits';
import { XorIterator } from '../chunk/xor-chunk';
import { AppendSink } from './append-types';
import { Head } from './head';

const HOUR = 3_600_000;

function samplesOf(head: Head, ref: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const c of head.series(ref)?.chunksIn(-Infinity, Infinity) ?? []) {
    const it = new XorIterator(c.bytes, c.count);
    while (it.next()) {
      out.push([it.t, it.v]);
    }
  }
  return out;
}

describe('Head', () => {
  it('identifies a series by its sorted label set regardless of key order', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const r = head.appendBatch([
      { labels: { __name__: 'up', job: 'a' }, timestampMs: 1000, value: 1 },
      { labels: { job: 'a', __name__: 'up' }, timestampMs: 2000, value: 0 },
      { labels: { __name__: 'up', job: 'b' }, timestampMs: 1000, value: 1 },
    ]);
    expect(r.accepted).toBe(3);
    expect(r.refs[0]).toBe(r.refs[1]);
    expect(r.refs[2]).not.toBe(r.refs[0]);
    expect(head.numSeries).toBe(2);
    expect(samplesOf(head, r.refs[0])).toEqual([
      [1000, 1],
      [2000, 0],
    ]);
  });

  it('treats an empty label value as an absent label', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const r = head.appendBatch([
      { labels: { __name__: 'x', a: '' }, timestampMs: 1, value: 1 },
      { labels: { __name__: 'x' }, timestampMs: 2, value: 1 },
    ]);
    expect(r.refs[0]).toBe(r.refs[1]);
  });

  it('interns label strings so equal names and values share one instance', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const job1 = ['j', 'o', 'b'].join('');
    const job2 = ['jo', 'b'].join('');
    const r = head.appendBatch([
      { labels: { [job1]: 'api', i: '1' }, timestampMs: 1, value: 1 },
      { labels: { [job2]: 'api', i: '2' }, timestampMs: 1, value: 1 },
    ]);
    const a = head.series(r.refs[0])?.pairs ?? [];
    const b = head.series(r.refs[1])?.pairs ?? [];
    expect(a[2]).toBe('job');
    expect(head.interner.size).toBe(5);
    // Same content is not proof of sharing; the interner returns the first instance for both.
    expect(head.interner.intern(job2)).toBe(head.interner.intern(job1));
    expect(b[2]).toBe(a[2]);
  });

  it('rejects out-of-order and conflicting duplicates with counted reasons, accepts identical resends', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const labels = { __name__: 'm' };
    head.appendBatch([{ labels, timestampMs: 10_000, value: 5 }]);
    const r = head.appendBatch([
      { labels, timestampMs: 9_000, value: 1 },
      { labels, timestampMs: 10_000, value: 6 },
      { labels, timestampMs: 10_000, value: 5 },
      { labels, timestampMs: 11_000, value: 7 },
      { labels, timestampMs: 11_000, value: 8 },
    ]);
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual({ out_of_order: 1, duplicate: 2, too_old: 0, unknown_ref: 0, invalid: 0 });
    expect(head.rejected.duplicate).toBe(2);
    expect(samplesOf(head, r.refs[0])).toEqual([
      [10_000, 5],
      [11_000, 7],
    ]);
  });

  it('rejects samples more than half a block behind the head, and before the persisted bound', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    head.appendBatch([{ labels: { a: '1' }, timestampMs: 10 * HOUR, value: 1 }]);
    const r = head.appendBatch([
      { labels: { a: '2' }, timestampMs: 10 * HOUR - HOUR - 1, value: 1 },
      { labels: { a: '2' }, timestampMs: 10 * HOUR - HOUR, value: 1 },
    ]);
    expect(r.rejected.too_old).toBe(1);
    expect(r.accepted).toBe(1);
    head.minValidTime = 10 * HOUR + 5;
    expect(
      head.appendBatch([{ labels: { a: '3' }, timestampMs: 10 * HOUR + 4, value: 1 }]).rejected.too_old,
    ).toBe(1);
  });

  it('rejects unknown refs, empty label sets and non-integer timestamps', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const r = head.appendBatch([
      { ref: 999, timestampMs: 1, value: 1 },
      { labels: {}, timestampMs: 1, value: 1 },
      { labels: { a: 'b' }, timestampMs: 1.5, value: 1 },
      { labels: { a: 'b' }, timestampMs: NaN, value: 1 },
    ]);
    expect(r.accepted).toBe(0);
    expect(r.rejected).toMatchObject({ unknown_ref: 1, invalid: 3 });
    expect(r.refs.slice(0, 2)).toEqual([-1, -1]);
  });

  it('appends by ref (the scrape-cache path) to the same series', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const [ref] = head.appendBatch([{ labels: { a: 'b' }, timestampMs: 1, value: 1 }]).refs;
    expect(head.appendBatch([{ ref, timestampMs: 2, value: 2 }]).accepted).toBe(1);
    expect(samplesOf(head, ref).map(([t]) => t)).toEqual([1, 2]);
  });

  it('reports new series once and every stored sample to the sink, in order', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const events: string[] = [];
    const sink: AppendSink = {
      series: (ref, pairs) => events.push(`s${ref}:${pairs.join(',')}`),
      sample: (ref, t, v) => events.push(`${ref}@${t}=${v}`),
    };
    head.appendBatch(
      [
        { labels: { a: 'b' }, timestampMs: 1, value: 1 },
        { labels: { a: 'b' }, timestampMs: 1, value: 1 },
        { labels: { a: 'b' }, timestampMs: 0, value: 1 },
        { labels: { a: 'b' }, timestampMs: 2, value: 2 },
      ],
      sink,
    );
    expect(events).toEqual(['s1:a,b', '1@1=1', '1@2=2']);
  });

  it('cuts chunks every 120 samples and at block-range boundaries', () => {
    const head = new Head({ chunkRangeMs: 1_000_000 });
    const samples = Array.from({ length: 300 }, (_, i) => ({
      labels: { a: 'b' },
      timestampMs: i * 1000,
      value: i,
    }));
    head.appendBatch(samples);
    const chunks = head.series(1)?.chunksIn(-Infinity, Infinity) ?? [];
    expect(chunks.map((c) => c.count)).toEqual([120, 120, 60]);
    head.appendBatch([{ labels: { a: 'b' }, timestampMs: 1_000_000, value: 1 }]);
    const after = head.series(1)?.chunksIn(-Infinity, Infinity) ?? [];
    expect(after.map((c) => c.count)).toEqual([120, 120, 60, 1]);
    expect(head.chunkCount).toBe(4);
  });

  it('stores the staleness marker bit-exactly', () => {
    const head = new Head({ chunkRangeMs: 2 * HOUR });
    const [ref] = head.appendBatch([
      { labels: { a: 'b' }, timestampMs: 1, value: 1 },
      { labels: { a: 'b' }, timestampMs: 2, value: STALE_NAN },
    ]).refs;
    // Read straight from the iterator: putting the value in a number[] would let V8 quieten it.
    const [chunk] = head.series(ref)?.chunksIn(0, 10) ?? [];
    const it = new XorIterator(chunk.bytes, chunk.count);
    it.next();
    it.next();
    expect(sameFloatBits(it.v, STALE_NAN)).toBe(true);
    // Re-sending the same marker is an identical resend, not a conflicting duplicate.
    expect(head.appendBatch([{ ref, timestampMs: 2, value: STALE_NAN }]).accepted).toBe(1);
  });

  it('truncation drops persisted chunks, forbids older appends and forgets emptied series', () => {
    const head = new Head({ chunkRangeMs: 1000 });
    head.appendBatch([
      { labels: { a: 'old' }, timestampMs: 100, value: 1 },
      { labels: { a: 'both' }, timestampMs: 200, value: 1 },
      { labels: { a: 'both' }, timestampMs: 1200, value: 2 },
    ]);
    const removed = head.truncate(1000);
    expect(removed).toEqual([1]);
    expect(head.numSeries).toBe(1);
    expect(head.minT).toBe(1200);
    expect(samplesOf(head, 2)).toEqual([[1200, 2]]);
    expect(head.appendBatch([{ labels: { a: 'new' }, timestampMs: 999, value: 1 }]).rejected.too_old).toBe(1);
    expect(head.appendBatch([{ ref: 1, timestampMs: 1300, value: 1 }]).rejected.unknown_ref).toBe(1);
    expect([...head.labelValuesOf('a')]).toEqual(['both', 'new']);
  });
});
