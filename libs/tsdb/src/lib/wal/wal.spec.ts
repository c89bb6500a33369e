import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../test-support/temp-dir';
import { isStaleMarker, STALE_NAN } from '../encoding/float-bits';
import { frameRecord, scanFrames } from './record-frame';
import { BatchRecordBuilder, CheckpointChunk, decodeRecord, encodeChunksRecord } from './records';
import { replayWal } from './replay';
import { listWal, segmentName } from './segment-names';
import { WalWriter } from './wal-writer';

interface Seen {
  series: string[];
  samples: string[];
  chunks: CheckpointChunk[];
}

function collector(): Seen & { handler: Parameters<typeof decodeRecord>[1] } {
  const seen: Seen = { series: [], samples: [], chunks: [] };
  return {
    ...seen,
    handler: {
      series: (ref, pairs) => seen.series.push(`${ref}:${pairs.join(',')}`),
      sample: (ref, t, v) => seen.samples.push(`${ref}@${t}=${isStaleMarker(v) ? 'stale' : v}`),
      chunk: (c) => seen.chunks.push(c),
    },
  };
}

function batch(seq: number): Uint8Array {
  const b = new BatchRecordBuilder();
  if (seq === 0) {
    b.series(1, ['__name__', 'up', 'job', 'ünïcødé']);
  }
  b.sample(1, 1_700_000_000_000 + seq * 1000, seq);
  return b.finish();
}

describe('WAL records', () => {
  it('round-trips a batch with series, negative timestamps and the staleness marker', () => {
    const b = new BatchRecordBuilder();
    b.series(7, ['a', 'b']);
    b.sample(7, 1000, 1.5);
    b.sample(7, -5, STALE_NAN);
    b.sample(8, 1000, -0);
    const c = collector();
    decodeRecord(b.finish(), c.handler);
    expect(c.series).toEqual(['7:a,b']);
    expect(c.samples).toEqual(['7@1000=1.5', '7@-5=stale', '8@1000=0']);
  });

  it('round-trips checkpoint chunk records', () => {
    const chunk = { ref: 3, minT: -10, maxT: 20, bytes: new Uint8Array([0, 1, 2, 3]) };
    const c = collector();
    decodeRecord(encodeChunksRecord([chunk]), c.handler);
    expect(c.chunks).toEqual([chunk]);
  });

  it('stops a scan at a torn record or a checksum mismatch, keeping what precedes it', () => {
    const a = frameRecord(batch(0));
    const b = frameRecord(batch(1));
    const whole = Buffer.concat([a, b]);
    const count = (data: Uint8Array): number => {
      let n = 0;
      scanFrames(data, () => n++);
      return n;
    };
    expect(count(whole)).toBe(2);
    expect(scanFrames(whole.subarray(0, whole.length - 3), () => undefined)).toEqual({
      validBytes: a.length,
      error: 'torn_record',
    });
    expect(scanFrames(whole.subarray(0, a.length + 5), () => undefined).error).toBe('torn_header');
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 1] ^= 0x40;
    expect(scanFrames(flipped, () => undefined)).toEqual({
      validBytes: a.length,
      error: 'checksum_mismatch',
    });
    const zeros = Buffer.concat([a, Buffer.alloc(64)]);
    expect(scanFrames(zeros, () => undefined)).toEqual({ validBytes: a.length, error: 'bad_length' });
  });
});

describe('WAL writer and replay', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('shares one fsync between appends made together and replays them in order', async () => {
    const w = await WalWriter.create({ dir: tmp.dir, segmentBytes: 1 << 20 }, 1);
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.append(batch(i))));
    expect(w.fsyncs).toBeLessThan(50);
    await w.close();
    const c = collector();
    const report = await replayWal(tmp.dir, c.handler);
    expect(c.samples.length).toBe(50);
    expect(c.samples[49]).toBe(`1@${1_700_000_000_000 + 49_000}=49`);
    expect(report.corruptions).toEqual([]);
    expect(report.nextSegment).toBe(2);
  });

  it('rotates segments by size and on cut, keeping order across them', async () => {
    const w = await WalWriter.create({ dir: tmp.dir, segmentBytes: 200 }, 1);
    for (let i = 0; i < 20; i++) {
      await w.append(batch(i));
    }
    const closed = await w.cut();
    await w.append(batch(20));
    expect(w.currentSegment).toBe(closed + 1);
    await w.close();
    expect((await listWal(tmp.dir)).segments.length).toBeGreaterThan(3);
    const c = collector();
    await replayWal(tmp.dir, c.handler);
    expect(c.samples.map((s) => Number(s.split('=')[1]))).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('truncates a torn tail, reports it, keeps the intact records, and drops later segments', async () => {
    const w = await WalWriter.create({ dir: tmp.dir, segmentBytes: 1 << 20 }, 1);
    for (let i = 0; i < 10; i++) {
      await w.append(batch(i));
    }
    await w.cut();
    await w.append(batch(10));
    await w.close();
    const first = join(tmp.dir, segmentName(1));
    const data = readFileSync(first);
    writeFileSync(first, data.subarray(0, data.length - 7));

    const c = collector();
    const report = await replayWal(tmp.dir, c.handler);
    expect(c.samples.length).toBe(9);
    expect(report.corruptions).toEqual([
      {
        file: segmentName(1),
        offset: expect.any(Number),
        reason: 'torn_record',
        truncatedBytes: expect.any(Number),
        droppedSegments: [segmentName(2)],
      },
    ]);
    expect(readFileSync(first).length).toBe(report.corruptions[0].offset);
    const again = collector();
    expect((await replayWal(tmp.dir, again.handler)).corruptions).toEqual([]);
    expect(again.samples).toEqual(c.samples);
  });

  it('refuses appends after close', async () => {
    const w = await WalWriter.create({ dir: tmp.dir, segmentBytes: 1 << 20 }, 1);
    await w.close();
    await expect(w.append(batch(0))).rejects.toThrow('closed');
  });

  it('frames a batch record in place exactly as frameRecord frames its payload', () => {
    const make = () => {
      const b = new BatchRecordBuilder(4);
      b.series(1, ['__name__', 'm']);
      b.sample(1, 1000, 1.5);
      b.sample(1, 2000, STALE_NAN);
      return b;
    };
    expect(Buffer.from(make().finishFramed())).toEqual(Buffer.from(frameRecord(make().finish())));
  });
});
