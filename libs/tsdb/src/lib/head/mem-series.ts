import { sameFloatBits } from '../encoding/float-bits';
import { chunkSampleCount, SAMPLES_PER_CHUNK, XorAppender } from '../chunk/xor-chunk';
import { ChunkView, SealedChunk } from './head-chunk';
import { SeriesRef } from './append-types';
import { LabelPairs } from './label-pairs';

/** Outcome of appending one sample to a series. */
export enum AppendOutcome {
  Appended,
  /** Same timestamp and identical bits: already stored, nothing to do. */
  Unchanged,
  OutOfOrder,
  Duplicate,
}

/**
 * One series in the head: sealed chunks plus the open one being appended. Chunks are cut every
 * {@link SAMPLES_PER_CHUNK} samples and at `chunkRangeMs`-aligned boundaries, so a chunk never spans
 * two blocks and compaction moves whole chunks.
 */
export class MemSeries {
  sealed: SealedChunk[] = [];
  private open: XorAppender | null = null;
  private openMinT = 0;
  private openEnd = 0;
  lastT = -Infinity;
  lastV = 0;
  /** Whether a WAL series record for this ref exists (the current checkpoint or segments). */
  logged = false;

  constructor(
    readonly ref: SeriesRef,
    readonly pairs: LabelPairs,
  ) {}

  /** Checks without changing anything. */
  check(t: number, v: number): AppendOutcome {
    if (t > this.lastT) {
      return AppendOutcome.Appended;
    }
    if (t < this.lastT) {
      return AppendOutcome.OutOfOrder;
    }
    return sameFloatBits(v, this.lastV) ? AppendOutcome.Unchanged : AppendOutcome.Duplicate;
  }

  /** Appends; the caller has checked that `t` > lastT. Returns true when a new chunk was opened. */
  append(t: number, v: number, chunkRangeMs: number): boolean {
    let cut = false;
    if (this.open === null || this.open.numSamples >= SAMPLES_PER_CHUNK || t >= this.openEnd) {
      this.seal();
      this.open = new XorAppender();
      this.openMinT = t;
      this.openEnd = (Math.floor(t / chunkRangeMs) + 1) * chunkRangeMs;
      cut = true;
    }
    this.open.append(t, v);
    this.lastT = t;
    this.lastV = v;
    return cut;
  }

  /** Seals the open chunk (if any) so compaction can take it whole. */
  seal(): void {
    if (this.open !== null && this.open.numSamples > 0) {
      this.sealed.push({ bytes: this.open.sealedBytes(), minT: this.openMinT, maxT: this.lastT });
    }
    this.open = null;
  }

  /** Adopts a chunk restored from a checkpoint; the last one may keep being appended to. */
  restoreChunk(bytes: Uint8Array, minT: number, maxT: number, chunkRangeMs: number): void {
    this.seal();
    const count = chunkSampleCount(bytes);
    if (count === 0) {
      return;
    }
    if (count < SAMPLES_PER_CHUNK) {
      const app = XorAppender.resume(bytes);
      this.open = app;
      this.openMinT = minT;
      this.openEnd = (Math.floor(minT / chunkRangeMs) + 1) * chunkRangeMs;
      this.lastV = app.lastValue;
    } else {
      this.sealed.push({ bytes, minT, maxT });
      this.lastV = XorAppender.resume(bytes).lastValue;
    }
    this.lastT = maxT;
  }

  get chunkCount(): number {
    return this.sealed.length + (this.open !== null ? 1 : 0);
  }

  get minT(): number {
    return this.sealed.length > 0 ? this.sealed[0].minT : this.open !== null ? this.openMinT : Infinity;
  }

  get maxT(): number {
    return this.chunkCount > 0 ? this.lastT : -Infinity;
  }

  /** Chunk views overlapping [mint, maxt], taken now; stable against later appends and compaction. */
  chunksIn(mint: number, maxt: number): ChunkView[] {
    const out: ChunkView[] = [];
    for (const c of this.sealed) {
      if (c.maxT >= mint && c.minT <= maxt) {
        out.push({ bytes: c.bytes, count: chunkSampleCount(c.bytes), minT: c.minT, maxT: c.maxT });
      }
    }
    if (this.open !== null && this.openMinT <= maxt && this.lastT >= mint) {
      out.push({
        bytes: this.open.liveBytes(),
        count: this.open.numSamples,
        minT: this.openMinT,
        maxT: this.lastT,
      });
    }
    return out;
  }

  /** Whether any chunk overlaps [mint, maxt]. */
  overlaps(mint: number, maxt: number): boolean {
    return this.chunkCount > 0 && this.minT <= maxt && this.maxT >= mint;
  }

  /** Open chunk bytes for a checkpoint (a copy: the checkpoint is written asynchronously). */
  openSnapshot(): SealedChunk | null {
    if (this.open === null || this.open.numSamples === 0) {
      return null;
    }
    return { bytes: this.open.bytes(), minT: this.openMinT, maxT: this.lastT };
  }

  /** Seals the open chunk if it lies before `t` (it then cannot receive more samples below `t`). */
  sealIfBefore(t: number): void {
    if (this.open !== null && this.openMinT < t) {
      this.seal();
    }
  }

  /** Removes sealed chunks entirely before `t`; returns how many were dropped. */
  dropSealedBefore(t: number): number {
    let n = 0;
    while (n < this.sealed.length && this.sealed[n].maxT < t) {
      n++;
    }
    if (n > 0) {
      this.sealed = this.sealed.slice(n);
    }
    return n;
  }
}
