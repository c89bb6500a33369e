import { compareBytes, Labels } from '@neo/domain-metric';

/**
 * A series' label set as a flat `[name0, value0, name1, value1, ...]` array sorted by name. One array
 * per series costs far less than an object with its own hidden-class transitions, and sorted order
 * gives a canonical form for hashing and comparison.
 */
export type LabelPairs = readonly string[];

/** Sorted pairs of `labels`, dropping empty values: Prometheus treats `l=""` as "no label l". */
export function toPairs(labels: Labels): string[] {
  const names = Object.keys(labels).sort(compareBytes);
  const out: string[] = [];
  for (const name of names) {
    const value = labels[name];
    if (value !== '') {
      out.push(name, value);
    }
  }
  return out;
}

export function pairsToLabels(pairs: LabelPairs): Labels {
  const out: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) {
    out[pairs[i]] = pairs[i + 1];
  }
  return out;
}

/** Value of `name` in `pairs`, or '' (Prometheus' reading of a missing label). */
export function pairValue(pairs: LabelPairs, name: string): string {
  for (let i = 0; i < pairs.length; i += 2) {
    if (pairs[i] === name) {
      return pairs[i + 1];
    }
  }
  return '';
}

export function pairsEqual(a: LabelPairs, b: LabelPairs): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Byte-order comparison of two label sets, the order Prometheus returns series in. */
export function comparePairs(a: LabelPairs, b: LabelPairs): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      return compareBytes(a[i], b[i]);
    }
  }
  return a.length - b.length;
}

/** 32-bit FNV-1a over UTF-16 units with a separator; collisions are resolved by {@link pairsEqual}. */
export function hashPairs(pairs: LabelPairs): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < pairs.length; i++) {
    const s = pairs[i];
    for (let j = 0; j < s.length; j++) {
      h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    }
    h = Math.imul(h ^ 0xffff, 0x01000193);
  }
  return h >>> 0;
}

/** A stable string key, for maps that merge the same series across sources. */
export function pairsKey(pairs: LabelPairs): string {
  return pairs.join('\xff');
}
