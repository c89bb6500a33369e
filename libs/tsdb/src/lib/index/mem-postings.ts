import { EMPTY_POSTINGS, Postings, subtractPostings } from './postings';
import { PostingsReader } from './postings-reader';

/**
 * The head's inverted index: label name -> value -> refs. Refs are handed out in increasing order,
 * so appending keeps every list sorted without re-sorting.
 */
export class MemPostings implements PostingsReader {
  private readonly byName = new Map<string, Map<string, number[]>>();
  private all: number[] = [];

  add(ref: number, pairs: readonly string[]): void {
    for (let i = 0; i < pairs.length; i += 2) {
      let values = this.byName.get(pairs[i]);
      if (values === undefined) {
        values = new Map();
        this.byName.set(pairs[i], values);
      }
      const list = values.get(pairs[i + 1]);
      if (list === undefined) {
        values.set(pairs[i + 1], [ref]);
      } else {
        insertSorted(list, ref);
      }
    }
    insertSorted(this.all, ref);
  }

  /** Removes many series at once (garbage collection after compaction). */
  deleteMany(refs: Postings, pairsOf: (ref: number) => readonly string[]): void {
    const touched = new Map<string, Set<string>>();
    for (const ref of refs) {
      const pairs = pairsOf(ref);
      for (let i = 0; i < pairs.length; i += 2) {
        let set = touched.get(pairs[i]);
        if (set === undefined) {
          set = new Set();
          touched.set(pairs[i], set);
        }
        set.add(pairs[i + 1]);
      }
    }
    for (const [name, values] of touched) {
      const byValue = this.byName.get(name);
      if (byValue === undefined) {
        continue;
      }
      for (const value of values) {
        const list = byValue.get(value);
        if (list === undefined) {
          continue;
        }
        const kept = subtractPostings(list, refs);
        if (kept.length === 0) {
          byValue.delete(value);
        } else {
          byValue.set(value, [...kept]);
        }
      }
      if (byValue.size === 0) {
        this.byName.delete(name);
      }
    }
    this.all = [...subtractPostings(this.all, refs)];
  }

  labelNames(): Iterable<string> {
    return this.byName.keys();
  }

  labelValuesOf(name: string): Iterable<string> {
    return this.byName.get(name)?.keys() ?? [];
  }

  postings(name: string, value: string): Postings {
    return this.byName.get(name)?.get(value) ?? EMPTY_POSTINGS;
  }

  allPostings(): Postings {
    return this.all;
  }
}

// Replay can add refs out of order (a checkpoint's series, then the WAL's); keep lists sorted anyway.
function insertSorted(list: number[], ref: number): void {
  if (list.length === 0 || list[list.length - 1] < ref) {
    list.push(ref);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < ref) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (list[lo] !== ref) {
    list.splice(lo, 0, ref);
  }
}
