import { makeTempDir } from '../../test-support/temp-dir';
import { isStaleMarker, STALE_NAN } from '../encoding/float-bits';
import { SampleIterator } from '../chunk/sample-iterator';
import { SeriesBatch } from '../head/append-types';
import { Tsdb } from './tsdb';

function drain(it: SampleIterator): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (it.next()) {
    out.push([it.t, it.v]);
  }
  return out;
}

function read(db: Tsdb): Record<string, Array<[number, number]>> {
  const r = db.reader();
  try {
    const out: Record<string, Array<[number, number]>> = {};
    for (const s of r.select({ matchers: [{ name: '__name__', op: '=', value: 'm' }] })) {
      out[s.labels['i'] ?? ''] = drain(s.iterator());
    }
    return out;
  } finally {
    r.close();
  }
}

/** A batch from plain rows; `refs` -1 means "resolve by pairs". Records which pairs were asked for. */
function batchOf(
  rows: Array<{ ref?: number; pairs?: string[]; samples: Array<[number, number]> }>,
): SeriesBatch & { asked: number[] } {
  const offsets = [0];
  const timestamps: number[] = [];
  const values = new Float64Array(rows.reduce((n, r) => n + r.samples.length, 0));
  for (const row of rows) {
    for (const [t, v] of row.samples) {
      values[timestamps.length] = v;
      timestamps.push(t);
    }
    offsets.push(timestamps.length);
  }
  const asked: number[] = [];
  return {
    asked,
    length: rows.length,
    offsets,
    timestamps,
    values,
    refAt: (i) => rows[i].ref ?? -1,
    pairsAt: (i) => {
      asked.push(i);
      return rows[i].pairs;
    },
  };
}

describe('Tsdb.appendSeries', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('appends columns by pairs then by ref, durably, stale markers kept', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    const first = await db.appendSeries(
      batchOf([
        {
          pairs: ['__name__', 'm', 'i', 'a'],
          samples: [
            [1000, 1],
            [2000, 2],
          ],
        },
        { pairs: ['__name__', 'm', 'i', 'b'], samples: [[1000, 5]] },
      ]),
    );
    expect(first.accepted).toBe(3);
    const [a, b] = first.seriesRefs;
    expect(a).toBeGreaterThan(0);
    expect(b).not.toBe(a);

    const second = batchOf([
      { ref: a, samples: [[3000, 3]] },
      { ref: b, samples: [[2000, STALE_NAN]] },
    ]);
    const result = await db.appendSeries(second);
    expect(result.accepted).toBe(2);
    expect(Array.from(result.seriesRefs)).toEqual([a, b]);
    // Known refs need no labels.
    expect(second.asked).toEqual([]);
    await db.close();

    const again = await Tsdb.open({ dataDir: tmp.dir });
    const got = read(again);
    expect(got['a']).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 3],
    ]);
    expect(got['b'][0]).toEqual([1000, 5]);
    expect(isStaleMarker(got['b'][1][1])).toBe(true);
    await again.close();
  });

  it('falls back to the pairs when a ref is unknown, and counts rejections like appendBatch', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    const batch = batchOf([
      {
        ref: 999,
        pairs: ['__name__', 'm', 'i', 'a'],
        samples: [
          [1000, 1],
          [900, 2],
          [1000, 7],
        ],
      },
      { pairs: [], samples: [[1000, 1]] },
      { pairs: ['__name__', 'm', 'i', 'empty'], samples: [] },
    ]);
    const result = await db.appendSeries(batch);
    expect(batch.asked).toEqual([0, 1]);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual({
      out_of_order: 1,
      duplicate: 1,
      too_old: 0,
      unknown_ref: 0,
      invalid: 1,
    });
    expect(result.seriesRefs[0]).not.toBe(999);
    expect(result.seriesRefs[1]).toBe(-1);
    // A series without samples is not created.
    expect(result.seriesRefs[2]).toBe(-1);
    expect(db.stats().series).toBe(1);
    expect(db.stats().rejected.invalid).toBe(1);
    await db.close();
  });
});
