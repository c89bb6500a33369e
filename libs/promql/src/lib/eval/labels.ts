import { compareBytes, Labels } from '@neo/domain-metric';

/** Canonical string of a label set (sorted pairs), used as a map key. */
export function labelKey(labels: Labels): string {
  const names = Object.keys(labels).sort(compareBytes);
  let key = '';
  for (const n of names) {
    key += `${n}\xff${labels[n]}\xfe`;
  }
  return key;
}

/** Key over a subset: only `names` (on/by) or all but `names` and the metric name (ignoring/without). */
export function signature(labels: Labels, names: readonly string[], include: boolean): string {
  if (include) {
    let key = '';
    for (const n of [...names].sort(compareBytes)) {
      key += `${n}\xff${labels[n] ?? ''}\xfe`;
    }
    return key;
  }
  return labelKey(without(labels, names));
}

/** Labels minus `names` and `__name__`. */
export function without(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const n of Object.keys(labels)) {
    if (n !== '__name__' && !names.includes(n)) {
      out[n] = labels[n];
    }
  }
  return out;
}

/** Only `names` (missing or empty ones left out). */
export function pick(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = labels[n];
    if (v !== undefined && v !== '') {
      out[n] = v;
    }
  }
  return out;
}

export function dropName(labels: Labels): Labels {
  if (labels['__name__'] === undefined) {
    return labels;
  }
  const { __name__: _dropped, ...rest } = labels;
  return rest;
}

/** Prometheus' `{a="b", c="d"}` rendering, for error messages. */
export function formatLabels(labels: Labels): string {
  const names = Object.keys(labels).sort(compareBytes);
  return `{${names.map((n) => `${n}="${labels[n]}"`).join(', ')}}`;
}

export function compareLabels(a: Labels, b: Labels): number {
  return compareBytes(labelKey(a), labelKey(b));
}

/** Labels minus `names` (the metric name stays unless listed). */
export function omit(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const n of Object.keys(labels)) {
    if (!names.includes(n)) {
      out[n] = labels[n];
    }
  }
  return out;
}
