import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../test-support/temp-dir';
import { isStaleMarker, STALE_NAN } from '../encoding/float-bits';
import { SampleIterator } from '../chunk/sample-iterator';
import { Tsdb } from './tsdb';

function drain(it: SampleIterator): Array<{ t: number; v: number }> {
  const out: Array<{ t: number; v: number }> = [];
  while (it.next()) {
    out.push({ t: it.t, v: it.v });
  }
  return out;
}

function read(
  db: Tsdb,
  name: string,
  minT?: number,
  maxT?: number,
): Record<string, Array<{ t: number; v: number }>> {
  const r = db.reader();
  try {
    const out: Record<string, Array<{ t: number; v: number }>> = {};
    for (const s of r.select({ matchers: [{ name: '__name__', op: '=', value: name }], minT, maxT })) {
      out[s.labels['i'] ?? ''] = drain(s.iterator());
    }
    return out;
  } finally {
    r.close();
  }
}

function walFiles(dir: string): string[] {
  return readdirSync(join(dir, 'wal')).sort();
}

describe('Tsdb', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('returns acknowledged samples after reopening (WAL replay), refs included', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    const res = await db.appendBatch([
      { labels: { __name__: 'm', i: 'a' }, timestampMs: 1000, value: 1 },
      { labels: { __name__: 'm', i: 'b' }, timestampMs: 1000, value: 2 },
    ]);
    await db.appendBatch([
      { ref: res.refs[0], timestampMs: 2000, value: 3 },
      { ref: res.refs[1], timestampMs: 2000, value: STALE_NAN },
    ]);
    await db.close();

    const again = await Tsdb.open({ dataDir: tmp.dir });
    const got = read(again, 'm');
    expect(got['a']).toEqual([
      { t: 1000, v: 1 },
      { t: 2000, v: 3 },
    ]);
    expect(isStaleMarker(got['b'][1].v)).toBe(true);
    expect(again.openReport.samplesReplayed).toBe(4);
    expect(again.openReport.wal.corruptions).toEqual([]);
    // The ref survives the restart, so a collector's cache can be rebuilt from labels alone.
    expect((await again.appendBatch([{ ref: res.refs[0], timestampMs: 3000, value: 4 }])).accepted).toBe(1);
    await again.close();
  });

  it('counts rejected samples by reason in stats', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    await db.appendBatch([{ labels: { __name__: 'm' }, timestampMs: 5000, value: 1 }]);
    const r = await db.appendBatch([
      { labels: { __name__: 'm' }, timestampMs: 4000, value: 1 },
      { labels: { __name__: 'm' }, timestampMs: 5000, value: 2 },
    ]);
    expect(r.accepted).toBe(0);
    const stats = db.stats();
    expect(stats.rejected).toMatchObject({ out_of_order: 1, duplicate: 1 });
    expect(stats.series).toBe(1);
    expect(stats.samplesAppended).toBe(1);
    expect(stats.walBytes).toBeGreaterThan(0);
    await db.close();
  });

  it('detects a corrupt WAL tail on open, truncates it, reports it and keeps the rest', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    for (let i = 1; i <= 5; i++) {
      await db.appendBatch([{ labels: { __name__: 'm' }, timestampMs: i * 1000, value: i }]);
    }
    await db.close();
    const seg = join(tmp.dir, 'wal', walFiles(tmp.dir).filter((f) => /^\d+$/.test(f))[0]);
    const bytes = readFileSync(seg);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(seg, bytes);
    appendFileSync(seg, Buffer.from([1, 2, 3]));

    const again = await Tsdb.open({ dataDir: tmp.dir });
    expect(again.openReport.wal.corruptions).toHaveLength(1);
    expect(again.openReport.wal.corruptions[0].reason).toBe('checksum_mismatch');
    expect(again.stats().walCorruptions).toBe(1);
    expect(read(again, 'm')[''].map((s) => s.v)).toEqual([1, 2, 3, 4]);
    await again.close();
    const third = await Tsdb.open({ dataDir: tmp.dir });
    expect(third.openReport.wal.corruptions).toEqual([]);
    await third.close();
  });

  it('recovers from a WAL cut mid-record (torn write) keeping every complete batch', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    for (let i = 1; i <= 5; i++) {
      await db.appendBatch([
        { labels: { __name__: 'm', i: 'x' }, timestampMs: i * 1000, value: i },
        { labels: { __name__: 'm', i: 'y' }, timestampMs: i * 1000, value: -i },
      ]);
    }
    await db.close();
    const seg = join(tmp.dir, 'wal', walFiles(tmp.dir).filter((f) => /^\d+$/.test(f))[0]);
    const bytes = readFileSync(seg);
    writeFileSync(seg, bytes.subarray(0, bytes.length - 10));

    const again = await Tsdb.open({ dataDir: tmp.dir });
    expect(again.openReport.wal.corruptions[0]).toMatchObject({ reason: 'torn_record' });
    const got = read(again, 'm');
    // The torn last batch is gone as a whole: both of its samples, never just one.
    expect(got['x'].map((s) => s.v)).toEqual([1, 2, 3, 4]);
    expect(got['y'].map((s) => s.v)).toEqual([-1, -2, -3, -4]);
    expect(
      (await again.appendBatch([{ labels: { __name__: 'm', i: 'x' }, timestampMs: 5000, value: 5 }]))
        .accepted,
    ).toBe(1);
    await again.close();
    const third = await Tsdb.open({ dataDir: tmp.dir });
    expect(read(third, 'm')['x'].map((s) => s.v)).toEqual([1, 2, 3, 4, 5]);
    await third.close();
  });

  it('compacts old head data into blocks read from disk, checkpoints and truncates the WAL', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir, blockRangeMs: 10_000, walSegmentBytes: 512 });
    for (let t = 0; t < 40_000; t += 500) {
      await db.appendBatch([
        { labels: { __name__: 'm', i: 'a' }, timestampMs: t, value: t / 500 },
        { labels: { __name__: 'm', i: 'b' }, timestampMs: t, value: -t },
      ]);
    }
    await db.compact();
    const stats = db.stats();
    expect(stats.blocks).toBeGreaterThanOrEqual(2);
    expect(stats.compactions).toBeGreaterThan(0);
    expect(stats.headMinT).toBeGreaterThanOrEqual(20_000);
    expect(walFiles(tmp.dir).some((f) => f.startsWith('checkpoint.'))).toBe(true);
    const got = read(db, 'm');
    expect(got['a'].length).toBe(80);
    expect(got['a'].map((s) => s.t)).toEqual(Array.from({ length: 80 }, (_, i) => i * 500));
    expect(read(db, 'm', 9_000, 11_000)['b'].map((s) => s.t)).toEqual([9000, 9500, 10000, 10500, 11000]);
    // Appends into a persisted range are refused, not silently dropped.
    expect(
      (await db.appendBatch([{ labels: { __name__: 'new' }, timestampMs: 5000, value: 1 }])).rejected.too_old,
    ).toBe(1);
    await db.close();

    const again = await Tsdb.open({ dataDir: tmp.dir, blockRangeMs: 10_000 });
    expect(read(again, 'm')['b'].length).toBe(80);
    expect(again.openReport.wal.checkpoint).not.toBeNull();
    expect(again.labelValues('i', [], { minT: 0, maxT: 1000 })).toEqual(['a', 'b']);
    expect(again.labelNames()).toEqual(['__name__', 'i']);
    await again.close();
  });

  it('keeps a reader working while retention deletes the block it reads', async () => {
    const db = await Tsdb.open({
      dataDir: tmp.dir,
      blockRangeMs: 10_000,
      retentionMs: 15_000,
      autoCompact: false,
    });
    for (let t = 0; t < 20_000; t += 1000) {
      await db.appendBatch([{ labels: { __name__: 'm' }, timestampMs: t, value: t }]);
    }
    await db.compact();
    expect(db.stats().blocks).toBe(1);
    const reader = db.reader();
    const series = [...reader.select({ matchers: [{ name: '__name__', op: '=', value: 'm' }] })];
    for (let t = 20_000; t < 30_000; t += 1000) {
      await db.appendBatch([{ labels: { __name__: 'm' }, timestampMs: t, value: t }]);
    }
    // Newest sample 29 s minus 15 s retention: the 0-10 s block goes.
    expect(await db.applyRetention()).toBe(1);
    expect(readdirSync(join(tmp.dir, 'blocks'))).toHaveLength(0);
    // Chunks are read lazily, after the block's files were deleted: the pinned file stays readable.
    expect(drain(series[0].iterator()).map((s) => s.t)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 1000),
    );
    reader.close();
    expect(read(db, 'm')[''][0].t).toBe(10_000);
    await db.close();
  });

  it('releases interned label strings once retention has removed every series using them', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir, blockRangeMs: 10_000, retentionMs: 15_000 });
    for (let t = 0; t < 10_000; t += 1000) {
      await db.appendBatch([{ labels: { __name__: 'm', pod: `old-${t}` }, timestampMs: t, value: 1 }]);
    }
    const withOld = db.stats().internedStrings;
    for (let t = 10_000; t < 40_000; t += 1000) {
      await db.appendBatch([{ labels: { __name__: 'm', pod: 'new' }, timestampMs: t, value: 1 }]);
    }
    await db.compact();
    // The old pods' series left the head (persisted) and their block fell out of retention.
    expect(db.labelValues('pod')).toEqual(['new']);
    expect(db.stats().internedStrings).toBeLessThan(withOld);
    expect(db.stats().internedStrings).toBe(4); // __name__, m, pod, new
    await db.close();
  });

  it('deletes oldest blocks when the size limit is exceeded', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir, blockRangeMs: 1000, autoCompact: false });
    for (let t = 0; t < 10_000; t += 100) {
      await db.appendBatch([
        { labels: { __name__: 'm', i: String(t % 300) }, timestampMs: t, value: Math.random() },
      ]);
    }
    await db.compact();
    const before = db.stats();
    expect(before.blocks).toBeGreaterThan(3);
    await db.close();
    const limited = await Tsdb.open({
      dataDir: tmp.dir,
      blockRangeMs: 1000,
      retentionBytes: before.walBytes + 3 * 400,
    });
    const after = limited.stats();
    expect(after.blocks).toBeLessThan(before.blocks);
    expect(after.bytesOnDisk).toBeLessThanOrEqual(before.walBytes + 3 * 400 + after.walBytes);
    const first = read(limited, 'm');
    const earliest = Math.min(...Object.values(first).map((s) => s[0].t));
    expect(earliest).toBeGreaterThan(0);
    await limited.close();
  });

  it('sets aside a block whose files fail verification and reports it', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir, blockRangeMs: 1000 });
    for (let t = 0; t < 5000; t += 100) {
      await db.appendBatch([{ labels: { __name__: 'm' }, timestampMs: t, value: t }]);
    }
    await db.compact();
    await db.close();
    const blocksDir = join(tmp.dir, 'blocks');
    const victim = readdirSync(blocksDir).sort()[0];
    const index = join(blocksDir, victim, 'index');
    const bytes = readFileSync(index);
    bytes[6] ^= 0x01;
    writeFileSync(index, bytes);

    const again = await Tsdb.open({ dataDir: tmp.dir, blockRangeMs: 1000 });
    expect(again.openReport.corruptBlocks).toHaveLength(1);
    expect(again.openReport.corruptBlocks[0].reason).toContain('checksum');
    expect(statSync(join(blocksDir, `${victim}.corrupt`)).isDirectory()).toBe(true);
    expect(read(again, 'm')[''][0].t).toBe(1000);
    await again.close();
  });
});
