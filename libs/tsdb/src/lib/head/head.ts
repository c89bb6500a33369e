import { Labels } from '@neo/domain-metric';
import { MemPostings } from '../index/mem-postings';
import { Postings } from '../index/postings';
import { ChunkRef, memChunkRef } from '../querier/chunk-ref';
import { QuerySource } from '../querier/query-source';
import {
  AppendResult,
  AppendSample,
  AppendSink,
  emptyRejectCounts,
  RejectCounts,
  RejectReason,
  SeriesAppendResult,
  SeriesBatch,
  SeriesRef,
} from './append-types';
import { LabelInterner } from './label-interner';
import { RefTable } from './ref-table';
import { hashPairs, LabelPairs, pairsEqual, toPairs } from './label-pairs';
import { AppendOutcome, MemSeries } from './mem-series';

export interface HeadOptions {
  /** Block length; chunks are cut at multiples of it so each chunk belongs to one block. */
  readonly chunkRangeMs: number;
}

const NO_SINK: AppendSink = { series: () => undefined, sample: () => undefined };

/**
 * The in-memory, appendable part of the store: recent samples of every active series, plus the
 * inverted index over them. Not durable by itself: the database logs what `appendBatch` reports to
 * its sink before acknowledging.
 */
export class Head implements QuerySource {
  readonly interner = new LabelInterner();
  private readonly memPostings = new MemPostings();
  private readonly byHash = new Map<number, MemSeries | MemSeries[]>();
  private readonly byRef = new RefTable<MemSeries>();
  private nextRef = 1;
  private headMinT = Infinity;
  private headMaxT = -Infinity;
  /** Samples before this are in blocks already and can no longer be appended. */
  minValidTime = -Infinity;
  samplesAppended = 0;
  chunkCount = 0;
  readonly rejected: RejectCounts = emptyRejectCounts();

  constructor(private readonly opts: HeadOptions) {}

  get minT(): number {
    return this.headMinT;
  }

  get maxT(): number {
    return this.headMaxT;
  }

  get numSeries(): number {
    return this.byRef.size;
  }

  get chunkRangeMs(): number {
    return this.opts.chunkRangeMs;
  }

  /**
   * Validates and applies a batch in input order, reporting every new series and accepted sample to
   * `sink` as it goes. Samples are never dropped silently: each is accepted or counted by reason.
   */
  appendBatch(samples: readonly AppendSample[], sink: AppendSink = NO_SINK): AppendResult {
    const rejected = emptyRejectCounts();
    const refs: SeriesRef[] = new Array(samples.length);
    let accepted = 0;
    // Fixed per batch, as Prometheus fixes it per appender: the head may not grow backwards by more
    // than half a block, so compaction of the range behind it stays valid.
    const minValid = Math.max(this.minValidTime, this.headMaxT - this.opts.chunkRangeMs / 2);
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      let series: MemSeries | undefined;
      let missing: RejectReason = 'invalid';
      if ('ref' in s) {
        series = this.byRef.get(s.ref);
        missing = 'unknown_ref';
      } else {
        series = this.getOrCreate(s.labels);
      }
      if (series === undefined) {
        refs[i] = -1;
        rejected[missing]++;
        continue;
      }
      refs[i] = series.ref;
      if (this.appendOne(series, s.timestampMs, s.value, minValid, rejected, sink)) {
        accepted++;
      }
    }
    this.addRejected(rejected);
    return { accepted, rejected, refs };
  }

  /**
   * {@link appendBatch} for samples grouped by series: one lookup per series (by ref, else by its pairs),
   * then its samples in order. Same validation, same sink calls, same counting.
   */
  appendSeriesBatch(batch: SeriesBatch, sink: AppendSink = NO_SINK): SeriesAppendResult {
    const rejected = emptyRejectCounts();
    const seriesRefs = new Int32Array(batch.length);
    const { offsets, timestamps, values } = batch;
    let accepted = 0;
    const minValid = Math.max(this.minValidTime, this.headMaxT - this.opts.chunkRangeMs / 2);
    for (let i = 0; i < batch.length; i++) {
      if (offsets[i] === offsets[i + 1]) {
        // No samples: nothing to store, and no empty series created (as a per-sample batch would not).
        seriesRefs[i] = -1;
        continue;
      }
      const ref = batch.refAt(i);
      let series = ref >= 0 ? this.byRef.get(ref) : undefined;
      if (series === undefined) {
        const pairs = batch.pairsAt(i);
        series = pairs === undefined || pairs.length === 0 ? undefined : this.getOrCreatePairs(pairs);
      }
      const end = offsets[i + 1];
      if (series === undefined) {
        seriesRefs[i] = -1;
        rejected.invalid += end - offsets[i];
        continue;
      }
      seriesRefs[i] = series.ref;
      for (let k = offsets[i]; k < end; k++) {
        if (this.appendOne(series, timestamps[k], values[k], minValid, rejected, sink)) {
          accepted++;
        }
      }
    }
    this.addRejected(rejected);
    return { accepted, rejected, seriesRefs };
  }

  /** Validates and applies one sample; false (and counted in `rejected`) when it is not stored. */
  private appendOne(
    series: MemSeries,
    t: number,
    v: number,
    minValid: number,
    rejected: RejectCounts,
    sink: AppendSink,
  ): boolean {
    if (!Number.isSafeInteger(t)) {
      rejected.invalid++;
      return false;
    }
    if (t < minValid) {
      rejected.too_old++;
      return false;
    }
    const outcome = series.check(t, v);
    if (outcome === AppendOutcome.OutOfOrder) {
      rejected.out_of_order++;
      return false;
    }
    if (outcome === AppendOutcome.Duplicate) {
      rejected.duplicate++;
      return false;
    }
    if (outcome === AppendOutcome.Unchanged) {
      return true;
    }
    if (!series.logged) {
      sink.series(series.ref, series.pairs);
      series.logged = true;
    }
    sink.sample(series.ref, t, v);
    this.applyAppend(series, t, v);
    return true;
  }

  private addRejected(rejected: RejectCounts): void {
    for (const reason of Object.keys(rejected) as RejectReason[]) {
      this.rejected[reason] += rejected[reason];
    }
  }

  /** The series for `labels`, created if new; undefined for an empty label set. */
  getOrCreate(labels: Labels): MemSeries | undefined {
    const pairs = toPairs(labels);
    if (pairs.length === 0) {
      return undefined;
    }
    return this.getOrCreatePairs(pairs);
  }

  /** The series for non-empty sorted `pairs` (no empty values), created if new. */
  getOrCreatePairs(pairs: LabelPairs): MemSeries {
    const hash = hashPairs(pairs);
    const found = this.lookup(hash, pairs);
    if (found !== undefined) {
      return found;
    }
    return this.create(this.nextRef++, pairs, hash);
  }

  /** Replay: recreate a series under its logged ref. */
  restoreSeries(ref: SeriesRef, pairs: LabelPairs): MemSeries {
    const existing = this.byRef.get(ref);
    if (existing !== undefined) {
      return existing;
    }
    const hash = hashPairs(pairs);
    // A label set logged twice under different refs (a crash between GC and re-creation) maps to
    // the first; later samples of the second ref then land in the same series.
    const same = this.lookup(hash, pairs);
    if (same !== undefined) {
      this.byRef.set(ref, same);
      this.nextRef = Math.max(this.nextRef, ref + 1);
      return same;
    }
    const series = this.create(ref, pairs, hash);
    series.logged = true;
    this.nextRef = Math.max(this.nextRef, ref + 1);
    return series;
  }

  /** Replay: apply a logged sample, skipping what is persisted already or was applied before. */
  replaySample(ref: SeriesRef, t: number, v: number): boolean {
    const series = this.byRef.get(ref);
    if (series === undefined || t < this.minValidTime || series.check(t, v) !== AppendOutcome.Appended) {
      return false;
    }
    this.applyAppend(series, t, v);
    return true;
  }

  /** Replay: adopt a chunk from a checkpoint. */
  restoreChunk(ref: SeriesRef, bytes: Uint8Array, minT: number, maxT: number): void {
    const series = this.byRef.get(ref);
    if (series === undefined || maxT < this.minValidTime) {
      return;
    }
    const before = series.chunkCount;
    series.restoreChunk(bytes, minT, maxT, this.opts.chunkRangeMs);
    this.chunkCount += series.chunkCount - before;
    this.headMinT = Math.min(this.headMinT, minT);
    this.headMaxT = Math.max(this.headMaxT, maxT);
  }

  series(ref: SeriesRef): MemSeries | undefined {
    return this.byRef.get(ref);
  }

  /** Every distinct series (refs aliased by replay appear once). */
  *allSeries(): IterableIterator<MemSeries> {
    for (const ref of this.memPostings.allPostings()) {
      const s = this.byRef.get(ref);
      if (s !== undefined) {
        yield s;
      }
    }
  }

  /**
   * Drops chunks before `t` (now persisted in a block), forbids appends before it, and removes series
   * left without chunks. Returns the removed refs.
   */
  truncate(t: number): Postings {
    this.minValidTime = Math.max(this.minValidTime, t);
    const removed: number[] = [];
    let minT = Infinity;
    for (const ref of this.memPostings.allPostings()) {
      const s = this.byRef.get(ref);
      if (s === undefined) {
        continue;
      }
      s.sealIfBefore(t);
      this.chunkCount -= s.dropSealedBefore(t);
      if (s.chunkCount === 0) {
        removed.push(ref);
      } else {
        minT = Math.min(minT, s.minT);
      }
    }
    this.memPostings.deleteMany(removed, (ref) => this.byRef.get(ref)?.pairs ?? []);
    for (const ref of removed) {
      const s = this.byRef.get(ref);
      if (s !== undefined) {
        this.unlink(s);
      }
    }
    for (const [ref, s] of this.byRef.entries()) {
      // Aliases from replay whose target was removed.
      if (s.ref !== ref && !this.byRef.has(s.ref)) {
        this.byRef.delete(ref);
      }
    }
    this.headMinT = minT;
    return removed;
  }

  // IndexReader
  labelNames(): Iterable<string> {
    return this.memPostings.labelNames();
  }

  labelValuesOf(name: string): Iterable<string> {
    return this.memPostings.labelValuesOf(name);
  }

  postings(name: string, value: string): Postings {
    return this.memPostings.postings(name, value);
  }

  allPostings(): Postings {
    return this.memPostings.allPostings();
  }

  seriesPairs(ref: number): LabelPairs | undefined {
    return this.byRef.get(ref)?.pairs;
  }

  seriesOverlaps(ref: number, mint: number, maxt: number): boolean {
    return this.byRef.get(ref)?.overlaps(mint, maxt) ?? false;
  }

  chunkRefs(ref: number, mint: number, maxt: number): ChunkRef[] {
    return (this.byRef.get(ref)?.chunksIn(mint, maxt) ?? []).map(memChunkRef);
  }

  private applyAppend(series: MemSeries, t: number, v: number): void {
    if (series.append(t, v, this.opts.chunkRangeMs)) {
      this.chunkCount++;
    }
    this.samplesAppended++;
    if (t < this.headMinT) {
      this.headMinT = t;
    }
    if (t > this.headMaxT) {
      this.headMaxT = t;
    }
  }

  private lookup(hash: number, pairs: LabelPairs): MemSeries | undefined {
    const slot = this.byHash.get(hash);
    if (slot === undefined) {
      return undefined;
    }
    if (!Array.isArray(slot)) {
      return pairsEqual(slot.pairs, pairs) ? slot : undefined;
    }
    return slot.find((s) => pairsEqual(s.pairs, pairs));
  }

  private create(ref: SeriesRef, rawPairs: LabelPairs, hash: number): MemSeries {
    const pairs = rawPairs.map((s) => this.interner.intern(s));
    const series = new MemSeries(ref, pairs);
    const slot = this.byHash.get(hash);
    if (slot === undefined) {
      this.byHash.set(hash, series);
    } else if (Array.isArray(slot)) {
      slot.push(series);
    } else {
      this.byHash.set(hash, [slot, series]);
    }
    this.byRef.set(ref, series);
    this.memPostings.add(ref, pairs);
    return series;
  }

  private unlink(series: MemSeries): void {
    this.byRef.delete(series.ref);
    const hash = hashPairs(series.pairs);
    const slot = this.byHash.get(hash);
    if (slot === series) {
      this.byHash.delete(hash);
    } else if (Array.isArray(slot)) {
      const rest = slot.filter((s) => s !== series);
      this.byHash.set(hash, rest.length === 1 ? rest[0] : rest);
    }
  }
}
