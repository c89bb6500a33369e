import { isStaleMarker, STALE_NAN } from '@neo/tsdb';
import { encodeWriteRequest } from '../../remote-write/write-request-encoder';
import { SeriesKeyCache } from './series-key-cache';
import { decodeWriteBatch } from './write-batch';
import { InvalidSeriesError } from './write-request-decoder';

const request = encodeWriteRequest([
  { labels: { __name__: 'm', job: 'a' }, timestamps: [1000, 2000], values: [1, STALE_NAN] },
  { labels: { __name__: 'm', job: 'b' }, timestamps: [-5000], values: [-0] },
]);

describe('decodeWriteBatch', () => {
  it('decodes into columns, with each series keyed by its raw label bytes', () => {
    const batch = decodeWriteBatch(request);
    expect(batch.length).toBe(2);
    expect(Array.from(batch.offsets.subarray(0, 3))).toEqual([0, 2, 3]);
    expect(Array.from(batch.timestamps.subarray(0, 3))).toEqual([1000, 2000, -5000]);
    expect(batch.values[0]).toBe(1);
    expect(isStaleMarker(batch.values[1])).toBe(true);
    expect(Object.is(batch.values[2], -0)).toBe(true);
    expect(batch.refAt(0)).toBe(-1);
    expect(batch.pairsAt(0)).toEqual(['__name__', 'm', 'job', 'a']);
    expect(batch.keys[0]).toBeDefined();
    expect(batch.keys[0]).not.toBe(batch.keys[1]);
  });

  it('takes the ref of a cached key without decoding its labels, and decodes them if asked', () => {
    const cache = new SeriesKeyCache();
    const first = decodeWriteBatch(request);
    cache.set(first.keys[0] ?? '', 42);
    const batch = decodeWriteBatch(request, cache);
    expect(batch.refAt(0)).toBe(42);
    expect(batch.refAt(1)).toBe(-1);
    expect(batch.pairsAt(0)).toEqual(['__name__', 'm', 'job', 'a']);
  });

  it('still validates series whose labels are not cached', () => {
    const bad = encodeWriteRequest([
      { labels: { __name__: 'm', 'bad-name': 'x' }, timestamps: [1], values: [1] },
    ]);
    expect(() => decodeWriteBatch(bad, new SeriesKeyCache())).toThrow(InvalidSeriesError);
  });

  it('grows its columns past the size estimate (empty samples are two bytes each)', () => {
    // TimeSeries{labels: __name__="m"} then 100 empty Sample messages.
    const label = Buffer.from([0x0a, 0x0d, 0x0a, 0x08, ...Buffer.from('__name__'), 0x12, 0x01, 0x6d]);
    const samples = Buffer.from(Array.from({ length: 100 }, () => [0x12, 0x00]).flat());
    const series = Buffer.concat([label, samples]);
    // 215 bytes: a two-byte length varint.
    expect(series.length).toBe(215);
    const body = Buffer.concat([Buffer.from([0x0a, (215 & 0x7f) | 0x80, 215 >> 7]), series]);
    const batch = decodeWriteBatch(body);
    expect(batch.samples).toBe(100);
    expect(batch.timestamps[99]).toBe(0);
    expect(batch.values[99]).toBe(0);
  });
});

describe('SeriesKeyCache', () => {
  it('forgets keys unseen for two generations and keeps those in use', () => {
    let now = 0;
    const cache = new SeriesKeyCache(() => now);
    cache.set('used', 1);
    cache.set('unused', 2);
    now = 11 * 60_000;
    cache.maybeTurn();
    expect(cache.get('used')).toBe(1);
    now = 22 * 60_000;
    cache.maybeTurn();
    expect(cache.get('used')).toBe(1);
    expect(cache.get('unused')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
