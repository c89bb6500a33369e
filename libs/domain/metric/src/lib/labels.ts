/** A label set: name -> value. Treated as immutable everywhere. */
export type Labels = Readonly<Record<string, string>>;

/** One value of one series at one instant. */
export interface Sample {
  readonly labels: Labels;
  readonly value: number;
  readonly timestampMs: number;
}

/** Byte-order comparison; `localeCompare` would make order depend on the machine's locale. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same pairs with keys in byte order, so every consumer sees one canonical form. */
export function sortLabels(labels: Labels): Labels {
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(labels).sort(compareBytes)) {
    sorted[name] = labels[name];
  }
  return sorted;
}
