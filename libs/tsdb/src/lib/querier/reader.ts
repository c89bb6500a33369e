import { compareBytes, LabelMatcher } from '@neo/domain-metric';
import { comparePairs, pairsKey } from '../head/label-pairs';
import { collectLabelNames, collectLabelValues, selectInRange, TimeRange } from '../index/label-queries';
import { QuerySource } from './query-source';
import { hasSampleIn, MergedSeries, SeriesEntry } from './series-set';

/** A selection: matchers plus an inclusive millisecond range (defaults: all time). */
export interface SelectParams {
  readonly matchers: readonly LabelMatcher[];
  readonly minT?: number;
  readonly maxT?: number;
}

/** The head and blocks as they are now; `release` lets go of the blocks it pinned. */
export interface SourceSnapshot {
  readonly sources: readonly QuerySource[];
  release(): void;
}

/**
 * Reads the head and blocks. Each call sees the store as it is at that moment (compaction swaps head
 * chunks for a block atomically, so nothing is seen twice or missed); blocks a `select` touched stay
 * readable until `close()`, even if retention deletes them meanwhile, so always close a reader.
 */
export class Reader {
  private closed = false;
  private readonly pins: Array<() => void> = [];

  constructor(private readonly snapshot: () => SourceSnapshot) {}

  /**
   * Series matching every matcher with at least one sample in the range, sorted by labels. Only
   * index entries and chunk bounds are gathered up front; sample bytes are read as iterators reach them.
   */
  *select(params: SelectParams): IterableIterator<SeriesEntry> {
    this.assertOpen();
    const snap = this.snapshot();
    this.pins.push(() => snap.release());
    const mint = params.minT ?? -Infinity;
    const maxt = params.maxT ?? Infinity;
    const range: TimeRange = { minT: mint, maxT: maxt };
    const sources = snap.sources.filter((src) => src.maxT >= mint && src.minT <= maxt);
    // Within one source every ref is a distinct label set: the merge by key is only needed across sources
    // (the common case, a query over the head alone, skips building a key string per series).
    const single = sources.length === 1;
    const merged = new Map<string, MergedSeries>();
    const list: MergedSeries[] = [];
    for (const src of sources) {
      for (const ref of selectInRange(src, params.matchers, range)) {
        const pairs = src.seriesPairs(ref);
        if (pairs === undefined) {
          continue;
        }
        const chunks = src.chunkRefs(ref, mint, maxt);
        if (chunks.length === 0) {
          continue;
        }
        if (single) {
          list.push(new MergedSeries(pairs, chunks, mint, maxt));
          continue;
        }
        const key = pairsKey(pairs);
        const entry = merged.get(key);
        if (entry === undefined) {
          merged.set(key, new MergedSeries(pairs, chunks, mint, maxt));
        } else {
          entry.chunks.push(...chunks);
        }
      }
    }
    const ordered = (single ? list : [...merged.values()]).sort((a, b) => comparePairs(a.pairs, b.pairs));
    for (const series of ordered) {
      if (hasSampleIn(series.chunks, mint, maxt)) {
        yield series;
      }
    }
  }

  /** Label names in use, sorted; restricted to series matching `matchers` with data in `range`. */
  labelNames(matchers: readonly LabelMatcher[] = [], range?: TimeRange): string[] {
    this.assertOpen();
    const out = new Set<string>();
    const snap = this.snapshot();
    try {
      for (const src of snap.sources) {
        collectLabelNames(src, out, matchers, range);
      }
    } finally {
      snap.release();
    }
    return [...out].sort(compareBytes);
  }

  /** Values of `name`, sorted; restricted like {@link labelNames}. */
  labelValues(name: string, matchers: readonly LabelMatcher[] = [], range?: TimeRange): string[] {
    this.assertOpen();
    const out = new Set<string>();
    const snap = this.snapshot();
    try {
      for (const src of snap.sources) {
        collectLabelValues(src, name, out, matchers, range);
      }
    } finally {
      snap.release();
    }
    return [...out].sort(compareBytes);
  }

  close(): void {
    if (!this.closed) {
      this.closed = true;
      for (const release of this.pins.splice(0)) {
        release();
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new Error('reader is closed');
    }
  }
}
