import { Labels } from '@neo/domain-metric';
import { SampleIterator } from '../chunk/sample-iterator';
import { XorIterator } from '../chunk/xor-chunk';
import { LabelPairs } from '../head/label-pairs';
import { ChainIterator } from './chain-iterator';
import { ChunkRef } from './chunk-ref';

/** One selected series: its labels and a fresh, lazy sample iterator per call. */
export interface SeriesEntry {
  readonly labels: Labels;
  iterator(): SampleIterator;
}

/**
 * Whether some sample lies in [mint, maxt]. A chunk whose first or last sample is inside settles it
 * from the bounds alone; only a chunk straddling the whole range has to be decoded.
 */
export function hasSampleIn(chunks: readonly ChunkRef[], mint: number, maxt: number): boolean {
  for (const c of chunks) {
    if (c.maxT < mint || c.minT > maxt) {
      continue;
    }
    if (c.minT >= mint || c.maxT <= maxt) {
      return true;
    }
    const view = c.read();
    const it = new XorIterator(view.bytes, view.count);
    if (it.seek(mint) && it.t <= maxt) {
      return true;
    }
  }
  return false;
}

/** A series assembled from one or more sources, chunks in time order. */
export class MergedSeries implements SeriesEntry {
  private labelsCache: Labels | undefined;

  constructor(
    readonly pairs: LabelPairs,
    readonly chunks: ChunkRef[],
    private readonly mint: number,
    private readonly maxt: number,
  ) {}

  get labels(): Labels {
    if (this.labelsCache === undefined) {
      const out: Record<string, string> = {};
      for (let i = 0; i < this.pairs.length; i += 2) {
        out[this.pairs[i]] = this.pairs[i + 1];
      }
      this.labelsCache = out;
    }
    return this.labelsCache;
  }

  iterator(): SampleIterator {
    return new ChainIterator(this.chunks, this.mint, this.maxt);
  }
}
