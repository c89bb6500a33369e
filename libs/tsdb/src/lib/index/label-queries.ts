import { LabelMatcher } from '@neo/domain-metric';
import { IndexReader } from './index-reader';
import { selectPostings } from './select-postings';

/** Inclusive millisecond bounds; omitted means all time. */
export interface TimeRange {
  readonly minT: number;
  readonly maxT: number;
}

function coversWholeIndex(ix: IndexReader, range: TimeRange | undefined): boolean {
  return range === undefined || (range.minT <= ix.minT && range.maxT >= ix.maxT);
}

/** Refs accepted by `matchers` that have data in `range`. */
export function selectInRange(
  ix: IndexReader,
  matchers: readonly LabelMatcher[],
  range: TimeRange | undefined,
): number[] {
  const refs = selectPostings(ix, matchers);
  if (range === undefined) {
    return [...refs];
  }
  if (range.maxT < ix.minT || range.minT > ix.maxT) {
    return [];
  }
  return refs.filter((ref) => ix.seriesOverlaps(ref, range.minT, range.maxT));
}

/** Adds to `out` the label names used by series matching `matchers` within `range`. */
export function collectLabelNames(
  ix: IndexReader,
  out: Set<string>,
  matchers: readonly LabelMatcher[] = [],
  range?: TimeRange,
): void {
  if (matchers.length === 0 && coversWholeIndex(ix, range)) {
    for (const name of ix.labelNames()) {
      out.add(name);
    }
    return;
  }
  for (const ref of selectInRange(ix, matchers, range)) {
    const pairs = ix.seriesPairs(ref);
    for (let i = 0; pairs !== undefined && i < pairs.length; i += 2) {
      out.add(pairs[i]);
    }
  }
}

/** Adds to `out` the values of `name` over series matching `matchers` within `range`. */
export function collectLabelValues(
  ix: IndexReader,
  name: string,
  out: Set<string>,
  matchers: readonly LabelMatcher[] = [],
  range?: TimeRange,
): void {
  if (matchers.length === 0 && coversWholeIndex(ix, range)) {
    for (const value of ix.labelValuesOf(name)) {
      out.add(value);
    }
    return;
  }
  for (const ref of selectInRange(ix, matchers, range)) {
    const pairs = ix.seriesPairs(ref);
    for (let i = 0; pairs !== undefined && i < pairs.length; i += 2) {
      if (pairs[i] === name) {
        out.add(pairs[i + 1]);
      }
    }
  }
}
