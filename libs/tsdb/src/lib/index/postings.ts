/** A postings list: series refs in strictly ascending order. */
export type Postings = readonly number[];

export const EMPTY_POSTINGS: Postings = [];

/** Refs present in every list; smallest list first keeps the galloping cheap. */
export function intersectPostings(lists: readonly Postings[]): Postings {
  if (lists.length === 0) {
    return EMPTY_POSTINGS;
  }
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let acc: Postings = sorted[0];
  for (let k = 1; k < sorted.length && acc.length > 0; k++) {
    acc = intersectTwo(acc, sorted[k]);
  }
  return acc;
}

function intersectTwo(a: Postings, b: Postings): Postings {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    j = lowerBound(b, x, j);
    if (j >= b.length) {
      break;
    }
    if (b[j] === x) {
      out.push(x);
    }
  }
  return out;
}

/** First index >= from with list[index] >= x (exponential then binary search). */
export function lowerBound(list: Postings, x: number, from = 0): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < list.length && list[hi] < x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, list.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Refs present in any list, ascending, without duplicates. */
export function unionPostings(lists: readonly Postings[]): Postings {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) {
    return EMPTY_POSTINGS;
  }
  if (nonEmpty.length === 1) {
    return nonEmpty[0];
  }
  // Pairwise merging in rounds: O(n log k) without a heap.
  let round: Postings[] = nonEmpty;
  while (round.length > 1) {
    const next: Postings[] = [];
    for (let i = 0; i < round.length; i += 2) {
      next.push(i + 1 < round.length ? mergeTwo(round[i], round[i + 1]) : round[i]);
    }
    round = next;
  }
  return round[0];
}

function mergeTwo(a: Postings, b: Postings): Postings {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) {
      out.push(a[i++]);
    } else if (a[i] > b[j]) {
      out.push(b[j++]);
    } else {
      out.push(a[i++]);
      j++;
    }
  }
  while (i < a.length) {
    out.push(a[i++]);
  }
  while (j < b.length) {
    out.push(b[j++]);
  }
  return out;
}

/** Refs of `a` not in `b`. */
export function subtractPostings(a: Postings, b: Postings): Postings {
  if (b.length === 0 || a.length === 0) {
    return a;
  }
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    j = lowerBound(b, x, j);
    if (j >= b.length || b[j] !== x) {
      out.push(x);
    }
  }
  return out;
}
