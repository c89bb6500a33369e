import { Head } from '../head/head';
import { SampleIterator } from '../chunk/sample-iterator';
import { ChainIterator } from './chain-iterator';
import { ChunkRef } from './chunk-ref';
import { Reader } from './reader';
import { XorAppender } from '../chunk/xor-chunk';

function drain(it: SampleIterator): number[] {
  const ts: number[] = [];
  while (it.next()) {
    ts.push(it.t);
  }
  return ts;
}

function chunkOf(ts: number[], reads: string[], name: string): ChunkRef {
  const app = new XorAppender();
  ts.forEach((t) => app.append(t, t));
  const bytes = app.bytes();
  return {
    minT: ts[0],
    maxT: ts[ts.length - 1],
    read: () => {
      reads.push(name);
      return { bytes, count: ts.length, minT: ts[0], maxT: ts[ts.length - 1] };
    },
  };
}

describe('ChainIterator', () => {
  it('yields samples across chunks within bounds and reads only the chunks it needs', () => {
    const reads: string[] = [];
    const chunks = [
      chunkOf([1, 2, 3], reads, 'a'),
      chunkOf([4, 5, 6], reads, 'b'),
      chunkOf([7, 8, 9], reads, 'c'),
    ];
    expect(drain(new ChainIterator(chunks, 5, 7))).toEqual([5, 6, 7]);
    expect(reads).toEqual(['b', 'c']);
  });

  it('does not read a chunk before it is reached', () => {
    const reads: string[] = [];
    const it = new ChainIterator(
      [chunkOf([1, 2], reads, 'a'), chunkOf([3, 4], reads, 'b')],
      -Infinity,
      Infinity,
    );
    expect(it.next()).toBe(true);
    expect(reads).toEqual(['a']);
  });

  it('seeks across chunks and skips overlapping timestamps', () => {
    const reads: string[] = [];
    const it = new ChainIterator([chunkOf([1, 2, 3], reads, 'a'), chunkOf([3, 4, 10], reads, 'b')], 0, 100);
    expect(it.seek(2)).toBe(true);
    expect(it.t).toBe(2);
    expect(it.seek(2)).toBe(true);
    expect(it.t).toBe(2);
    expect(drain(it)).toEqual([3, 4, 10]);
    const it2 = new ChainIterator([chunkOf([1, 2, 3], reads, 'a'), chunkOf([4, 10], reads, 'b')], 0, 100);
    expect(it2.seek(5)).toBe(true);
    expect(it2.t).toBe(10);
    expect(it2.seek(11)).toBe(false);
  });
});

describe('Reader over the head', () => {
  let cached: Head | undefined;
  const head0 = (): Head => (cached ??= build());
  beforeEach(() => (cached = undefined));

  function build(): Head {
    const head = new Head({ chunkRangeMs: 1_000_000 });
    for (let t = 0; t < 500; t++) {
      head.appendBatch([
        { labels: { __name__: 'up', job: 'b' }, timestampMs: t * 1000, value: t },
        { labels: { __name__: 'up', job: 'a' }, timestampMs: t * 1000, value: -t },
      ]);
    }
    head.appendBatch([{ labels: { __name__: 'late', job: 'a' }, timestampMs: 499_500, value: 1 }]);
    return head;
  }

  it('selects by matchers, sorted by labels, iterating only the range', () => {
    const reader = new Reader(() => ({ sources: [head0()], release: () => undefined }));
    const got = [
      ...reader.select({
        matchers: [{ name: '__name__', op: '=', value: 'up' }],
        minT: 10_000,
        maxT: 12_000,
      }),
    ];
    expect(got.map((s) => s.labels)).toEqual([
      { __name__: 'up', job: 'a' },
      { __name__: 'up', job: 'b' },
    ]);
    const it = got[0].iterator();
    const vals: number[] = [];
    while (it.next()) {
      vals.push(it.v);
    }
    expect(vals).toEqual([-10, -11, -12]);
    expect(drain(got[1].iterator())).toEqual(drain(got[1].iterator()));
    reader.close();
  });

  it('excludes series without samples in the range', () => {
    const reader = new Reader(() => ({ sources: [head0()], release: () => undefined }));
    const names = [
      ...reader.select({ matchers: [{ name: 'job', op: '=', value: 'a' }], minT: 0, maxT: 1000 }),
    ].map((s) => s.labels['__name__']);
    expect(names).toEqual(['up']);
    expect(reader.labelValues('__name__', [], { minT: 499_000, maxT: 499_999 })).toEqual(['late', 'up']);
    expect(reader.labelNames()).toEqual(['__name__', 'job']);
  });

  it('keeps a consistent view while the head keeps growing', () => {
    const head = build();
    const reader = new Reader(() => ({ sources: [head], release: () => undefined }));
    const [series] = reader.select({ matchers: [{ name: 'job', op: '=', value: 'b' }] });
    head.appendBatch([{ labels: { __name__: 'up', job: 'b' }, timestampMs: 600_000, value: 1 }]);
    expect(drain(series.iterator()).length).toBe(500);
  });

  it('refuses use after close and calls its close hook once', () => {
    let releases = 0;
    const head = build();
    const reader = new Reader(() => ({ sources: [head], release: () => releases++ }));
    expect([...reader.select({ matchers: [] })]).toHaveLength(3);
    expect(releases).toBe(0);
    reader.close();
    reader.close();
    expect(releases).toBe(1);
    expect(() => reader.labelNames()).toThrow('closed');
  });
});
