import { LabelMatcher, Labels, matchLabels } from '@neo/domain-metric';
import { Queryable, SampleCursor, SelectRequest, StoredSeries } from '../lib/storage/queryable';

/** A series held in memory: sorted timestamps (ms) and values. */
export interface MemorySeries {
  labels: Labels;
  ts: number[];
  vs: number[];
}

class ArrayCursor implements SampleCursor {
  private i = -1;

  constructor(private readonly s: MemorySeries) {}

  get t(): number {
    return this.s.ts[this.i];
  }

  get v(): number {
    return this.s.vs[this.i];
  }

  next(): boolean {
    this.i++;
    return this.i < this.s.ts.length;
  }

  seek(t: number): boolean {
    if (this.i < 0) {
      this.i = 0;
    }
    while (this.i < this.s.ts.length && this.s.ts[this.i] < t) {
      this.i++;
    }
    return this.i < this.s.ts.length;
  }
}

/** An in-memory Queryable for specs (the engine must not depend on @neo/tsdb). */
export class MemoryQueryable implements Queryable {
  readonly series: MemorySeries[] = [];

  add(labels: Labels, ts: number[], vs: number[]): void {
    const existing = this.series.find((s) => JSON.stringify(s.labels) === JSON.stringify(labels));
    if (existing === undefined) {
      this.series.push({ labels, ts: [...ts], vs: [...vs] });
    } else {
      existing.ts.push(...ts);
      existing.vs.push(...vs);
    }
  }

  clear(): void {
    this.series.length = 0;
  }

  *select(req: SelectRequest): Iterable<StoredSeries> {
    const matchers: readonly LabelMatcher[] = req.matchers;
    for (const s of this.series) {
      if (matchLabels(s.labels, matchers) && s.ts.some((t) => t >= req.minT && t <= req.maxT)) {
        yield { labels: s.labels, iterator: () => new ArrayCursor(s) };
      }
    }
  }
}
