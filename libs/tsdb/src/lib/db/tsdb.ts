import { LabelMatcher } from '@neo/domain-metric';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockCorruptError, BlockReader } from '../block/block-reader';
import { BlockSeriesInput, writeBlock } from '../block/block-writer';
import { AppendResult, AppendSample, SeriesAppendResult, SeriesBatch } from '../head/append-types';
import { Head } from '../head/head';
import { SealedChunk } from '../head/head-chunk';
import { comparePairs } from '../head/label-pairs';
import { TimeRange } from '../index/label-queries';
import { QuerySource } from '../querier/query-source';
import { Reader } from '../querier/reader';
import { removeCoveredByCheckpoint, writeCheckpoint } from '../wal/checkpoint';
import { syncDir } from '../wal/fs-sync';
import { BatchRecordBuilder, CheckpointChunk, encodeChunksRecord } from '../wal/records';
import { replayWal } from '../wal/replay';
import { WalWriter } from '../wal/wal-writer';
import { DataDirLock, lockDataDir } from './data-dir-lock';
import { OpenReport } from './open-report';
import { ResolvedOptions, resolveOptions, TsdbOptions } from './tsdb-options';
import { TsdbStats } from './tsdb-stats';

// Series per checkpoint record: bounds record size while keeping the per-record overhead small.
const CHECKPOINT_SERIES_PER_RECORD = 1000;

/** Result of one {@link Tsdb.compact} run. */
export interface CompactionResult {
  readonly blocksWritten: number;
  readonly blocksDeleted: number;
}

/**
 * The storage engine: an appendable head backed by a write-ahead log, immutable blocks on disk for
 * older data, and readers spanning both. Every acknowledged batch is durable (fsync'd WAL) and is
 * found again after a crash; older data moves to blocks and the WAL is truncated behind a checkpoint.
 */
export class Tsdb {
  private blocks: BlockReader[] = [];
  private maintenance: Promise<unknown> = Promise.resolve();
  private maintenanceQueued = false;
  private closed = false;
  private compactions = 0;
  private walBytesAtRefresh = 0;
  private walWrittenAtRefresh = 0;
  /** Last failure of background compaction, kept for health reporting. */
  lastCompactionError: Error | null = null;
  private lock: DataDirLock | undefined;

  private constructor(
    private readonly opts: ResolvedOptions,
    private readonly head: Head,
    private readonly wal: WalWriter,
    blocks: BlockReader[],
    /** What opening found and repaired. */
    readonly openReport: OpenReport,
  ) {
    this.blocks = blocks;
  }

  /**
   * Opens (or creates) a store: locks the directory (a second writer would corrupt the WAL; throws
   * DataDirLockedError), loads blocks, replays the WAL (repairing a damaged tail), then serves.
   */
  static async open(options: TsdbOptions): Promise<Tsdb> {
    const opts = resolveOptions(options);
    await mkdir(opts.dataDir, { recursive: true });
    const lock = await lockDataDir(opts.dataDir);
    const db = await Tsdb.openLocked(opts, lock.staleHolderPid).catch(async (err: unknown) => {
      await lock.release();
      throw err;
    });
    db.lock = lock;
    return db;
  }

  private static async openLocked(opts: ResolvedOptions, staleLockPid: number | undefined): Promise<Tsdb> {
    const walDir = join(opts.dataDir, 'wal');
    const blocksDir = join(opts.dataDir, 'blocks');
    await mkdir(walDir, { recursive: true });
    await mkdir(blocksDir, { recursive: true });
    const head = new Head({ chunkRangeMs: opts.blockRangeMs });

    const removedPartialBlocks: string[] = [];
    const corruptBlocks: Array<{ dir: string; reason: string }> = [];
    const blocks: BlockReader[] = [];
    for (const name of (await readdir(blocksDir)).sort()) {
      const dir = join(blocksDir, name);
      if (name.endsWith('.tmp') || name.endsWith('.deleted')) {
        await rm(dir, { recursive: true, force: true });
        removedPartialBlocks.push(name);
        continue;
      }
      if (name.endsWith('.corrupt')) {
        continue;
      }
      try {
        blocks.push(await BlockReader.open(dir, head.interner));
      } catch (err) {
        if (!(err instanceof BlockCorruptError)) {
          throw err;
        }
        // Set aside, not deleted: an operator may want to inspect or recover it.
        await rename(dir, `${dir}.corrupt`);
        corruptBlocks.push({ dir, reason: err.message });
      }
    }
    blocks.sort((a, b) => a.meta.minT - b.meta.minT);
    for (const b of blocks) {
      head.minValidTime = Math.max(head.minValidTime, b.meta.maxT);
    }

    let samplesReplayed = 0;
    const wal = await replayWal(walDir, {
      series: (ref, pairs) => void head.restoreSeries(ref, pairs),
      sample: (ref, t, v) => {
        if (head.replaySample(ref, t, v)) {
          samplesReplayed++;
        }
      },
      chunk: (c) => head.restoreChunk(c.ref, c.bytes, c.minT, c.maxT),
    });
    head.samplesAppended = 0;
    const writer = await WalWriter.create(
      { dir: walDir, segmentBytes: opts.walSegmentBytes },
      wal.nextSegment,
    );
    const db = new Tsdb(opts, head, writer, blocks, {
      wal,
      corruptBlocks,
      removedPartialBlocks,
      seriesRestored: head.numSeries,
      samplesReplayed,
      staleLockPid,
    });
    await db.refreshWalSize();
    if (opts.autoCompact) {
      await db.compact();
    } else {
      await db.applyRetention();
    }
    return db;
  }

  /**
   * Appends a batch and resolves once its accepted samples are durable. The batch is one WAL record
   * (new series and samples together), so replay applies all of it or none. Rejected samples are
   * counted by reason in the result, never dropped silently. Accepted samples are visible to readers
   * immediately; the promise is the acknowledgement.
   */
  async appendBatch(samples: readonly AppendSample[]): Promise<AppendResult> {
    if (this.closed) {
      throw new Error('tsdb is closed');
    }
    const record = new BatchRecordBuilder(samples.length);
    const result = this.head.appendBatch(samples, record);
    if (!record.isEmpty) {
      await this.wal.appendFramed(record.finishFramed());
    } else if (result.accepted > 0) {
      // Identical resends: their originals may still be in flight; acknowledge after those.
      await this.wal.barrier();
    }
    this.scheduleCompaction();
    return result;
  }

  /**
   * {@link appendBatch} for samples grouped by series (remote_write's shape): one series lookup per series
   * instead of one per sample, and no object per sample. Same single WAL record, same acknowledgement.
   */
  async appendSeries(batch: SeriesBatch): Promise<SeriesAppendResult> {
    if (this.closed) {
      throw new Error('tsdb is closed');
    }
    const record = new BatchRecordBuilder(batch.offsets[batch.length]);
    const result = this.head.appendSeriesBatch(batch, record);
    if (!record.isEmpty) {
      await this.wal.appendFramed(record.finishFramed());
    } else if (result.accepted > 0) {
      await this.wal.barrier();
    }
    this.scheduleCompaction();
    return result;
  }

  /** A reader over the head and the current blocks. Close it when done. */
  reader(): Reader {
    if (this.closed) {
      throw new Error('tsdb is closed');
    }
    return new Reader(() => {
      const blocks = [...this.blocks];
      for (const b of blocks) {
        b.acquire();
      }
      const sources: QuerySource[] = [...blocks, this.head];
      return { sources, release: () => blocks.forEach((b) => b.release()) };
    });
  }

  labelNames(matchers: readonly LabelMatcher[] = [], range?: TimeRange): string[] {
    const r = this.reader();
    try {
      return r.labelNames(matchers, range);
    } finally {
      r.close();
    }
  }

  labelValues(name: string, matchers: readonly LabelMatcher[] = [], range?: TimeRange): string[] {
    const r = this.reader();
    try {
      return r.labelValues(name, matchers, range);
    } finally {
      r.close();
    }
  }

  /**
   * Persists every complete block range the head has moved past (the head keeps at least half a block
   * behind its newest sample), checkpoints the WAL and truncates it, then applies retention.
   */
  compact(): Promise<CompactionResult> {
    return this.serialize(() => this.runCompaction());
  }

  /** Deletes whole blocks past the age or size limit. */
  applyRetention(): Promise<number> {
    return this.serialize(async () => {
      const deleted = await this.runRetention();
      if (deleted > 0) {
        this.releaseLabelStrings();
      }
      return deleted;
    });
  }

  stats(): TsdbStats {
    const blockBytes = this.blocks.reduce((n, b) => n + b.sizeBytes, 0);
    const blockChunks = this.blocks.reduce((n, b) => n + b.meta.stats.numChunks, 0);
    const walBytes = this.walBytes();
    return {
      series: this.head.numSeries,
      samplesAppended: this.head.samplesAppended,
      chunks: this.head.chunkCount + blockChunks,
      headChunks: this.head.chunkCount,
      blocks: this.blocks.length,
      bytesOnDisk: blockBytes + walBytes,
      walBytes,
      walFsyncs: this.wal.fsyncs,
      rejected: { ...this.head.rejected },
      walCorruptions: this.openReport.wal.corruptions.length,
      corruptBlocks: this.openReport.corruptBlocks.length,
      compactions: this.compactions,
      headMinT: this.head.minT,
      headMaxT: this.head.maxT,
      internedStrings: this.head.interner.size,
    };
  }

  /** Waits for in-flight appends and maintenance, then closes files. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.maintenance.catch(() => undefined);
    await this.wal.close();
    for (const b of this.blocks) {
      b.close();
    }
    await this.lock?.release();
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.maintenance.then(task, task);
    this.maintenance = run.catch(() => undefined);
    return run;
  }

  private scheduleCompaction(): void {
    if (
      !this.opts.autoCompact ||
      this.maintenanceQueued ||
      this.closed ||
      this.nextCompactableRange() === null
    ) {
      return;
    }
    this.maintenanceQueued = true;
    this.compact()
      .catch((err: unknown) => {
        this.lastCompactionError = err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => {
        this.maintenanceQueued = false;
      });
  }

  private nextCompactableRange(): { minT: number; maxT: number } | null {
    const range = this.opts.blockRangeMs;
    if (this.head.minT === Infinity) {
      return null;
    }
    const start = Math.floor(this.head.minT / range) * range;
    const end = start + range;
    return end <= this.head.maxT - range / 2 ? { minT: start, maxT: end } : null;
  }

  private async runCompaction(): Promise<CompactionResult> {
    let written = 0;
    for (
      let range = this.nextCompactableRange();
      range !== null && !this.closed;
      range = this.nextCompactableRange()
    ) {
      await this.persistRange(range);
      written++;
    }
    if (written > 0 && !this.closed) {
      await this.checkpoint();
      this.compactions++;
    }
    const deleted = await this.runRetention();
    if (written > 0 || deleted > 0) {
      this.releaseLabelStrings();
    }
    return { blocksWritten: written, blocksDeleted: deleted };
  }

  private async persistRange(range: { minT: number; maxT: number }): Promise<void> {
    // From here on no sample below range.maxT is accepted, so the snapshot below stays complete.
    this.head.minValidTime = Math.max(this.head.minValidTime, range.maxT);
    const inputs: BlockSeriesInput[] = [];
    for (const s of this.head.allSeries()) {
      s.sealIfBefore(range.maxT);
      const chunks: SealedChunk[] = s.sealed.filter((c) => c.minT < range.maxT);
      if (chunks.length > 0) {
        inputs.push({ pairs: s.pairs, chunks });
      }
    }
    inputs.sort((a, b) => comparePairs(a.pairs, b.pairs));
    const blocksDir = join(this.opts.dataDir, 'blocks');
    if (inputs.length > 0) {
      const meta = await writeBlock(blocksDir, range, inputs);
      const block = await BlockReader.open(join(blocksDir, meta.id), this.head.interner);
      this.blocks = [...this.blocks, block].sort((a, b) => a.meta.minT - b.meta.minT);
    }
    this.head.truncate(range.maxT);
  }

  /**
   * Snapshot of the head (series + chunks) taken in the same tick as the WAL cut, so checkpoint N holds
   * exactly what segments <= N produced; those segments are then deleted.
   */
  private async checkpoint(): Promise<void> {
    const payloads: Uint8Array[] = [];
    let series = new BatchRecordBuilder();
    let chunks: CheckpointChunk[] = [];
    let n = 0;
    for (const s of this.head.allSeries()) {
      series.series(s.ref, s.pairs);
      s.logged = true;
      for (const c of s.sealed) {
        chunks.push({ ref: s.ref, minT: c.minT, maxT: c.maxT, bytes: c.bytes });
      }
      const open = s.openSnapshot();
      if (open !== null) {
        chunks.push({ ref: s.ref, minT: open.minT, maxT: open.maxT, bytes: open.bytes });
      }
      if (++n % CHECKPOINT_SERIES_PER_RECORD === 0) {
        payloads.push(series.finish(), encodeChunksRecord(chunks));
        series = new BatchRecordBuilder();
        chunks = [];
      }
    }
    if (!series.isEmpty) {
      payloads.push(series.finish(), encodeChunksRecord(chunks));
    }
    const lastSegment = await this.wal.cut();
    const walDir = join(this.opts.dataDir, 'wal');
    await writeCheckpoint(walDir, lastSegment, payloads);
    await removeCoveredByCheckpoint(walDir, lastSegment);
    await this.refreshWalSize();
  }

  /** Drops interned strings that no head series and no block uses any more (series removed, blocks deleted). */
  private releaseLabelStrings(): void {
    const head = this.head;
    const blocks = this.blocks;
    function* live(): Generator<string> {
      for (const s of head.allSeries()) {
        yield* s.pairs;
      }
      for (const b of blocks) {
        for (const name of b.labelNames()) {
          yield name;
          yield* b.labelValuesOf(name);
        }
      }
    }
    head.interner.retainOnly(live());
  }

  private async runRetention(): Promise<number> {
    const doomed = new Set<BlockReader>();
    const lastBlockEnd = this.blocks.length > 0 ? this.blocks[this.blocks.length - 1].maxT : -Infinity;
    const newest = Math.max(this.head.maxT, lastBlockEnd);
    if (Number.isFinite(this.opts.retentionMs)) {
      for (const b of this.blocks) {
        if (b.maxT < newest - this.opts.retentionMs) {
          doomed.add(b);
        }
      }
    }
    if (Number.isFinite(this.opts.retentionBytes)) {
      let total = this.walBytes() + this.blocks.reduce((n, b) => n + (doomed.has(b) ? 0 : b.sizeBytes), 0);
      for (const b of this.blocks) {
        if (total <= this.opts.retentionBytes) {
          break;
        }
        if (!doomed.has(b)) {
          doomed.add(b);
          total -= b.sizeBytes;
        }
      }
    }
    if (doomed.size === 0) {
      return 0;
    }
    this.blocks = this.blocks.filter((b) => !doomed.has(b));
    const blocksDir = join(this.opts.dataDir, 'blocks');
    for (const b of doomed) {
      // Rename first: a crash mid-delete leaves a `.deleted` directory, which open() finishes off.
      const gone = `${b.dir}.deleted`;
      await rename(b.dir, gone);
      await rm(gone, { recursive: true, force: true });
      b.markDeleted();
    }
    await syncDir(blocksDir);
    return doomed.size;
  }

  private walBytes(): number {
    return this.walBytesAtRefresh + (this.wal.bytesWritten - this.walWrittenAtRefresh);
  }

  private async refreshWalSize(): Promise<void> {
    const dir = join(this.opts.dataDir, 'wal');
    const written = this.wal.bytesWritten;
    let total = 0;
    for (const name of await readdir(dir)) {
      total += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
    }
    this.walBytesAtRefresh = total;
    this.walWrittenAtRefresh = written;
  }
}
