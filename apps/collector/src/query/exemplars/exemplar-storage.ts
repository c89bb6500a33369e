import { compareBytes, matchLabels, type LabelMatcher, type Labels } from '@neo/domain-metric';

/** Injection token of the collector's exemplar storage. */
export const EXEMPLAR_STORAGE = Symbol.for('neo.collector.exemplar-storage');

/** Prometheus' default `storage.exemplars.max_exemplars` (with --enable-feature=exemplar-storage). */
export const DEFAULT_MAX_EXEMPLARS = 100_000;

// OpenMetrics 1.0: the exemplar's label names and values together must not exceed 128 UTF-8 characters.
const MAX_LABEL_CHARS = 128;

/** One exemplar: its own labels (trace_id, span_id, ...), value and timestamp in ms. */
export interface Exemplar {
  readonly labels: Labels;
  readonly value: number;
  readonly timestampMs: number;
}

/** Why an exemplar was not kept, as Prometheus' exemplar storage errors. */
export type ExemplarRejection = 'duplicate' | 'out_of_order' | 'label_length';

/** The exemplars of one series in a time range, oldest first. */
export interface SeriesExemplars {
  readonly seriesLabels: Labels;
  readonly exemplars: readonly Exemplar[];
}

interface SeriesEntry {
  readonly labels: Labels;
  /** This series' exemplars still in the ring, oldest first, from `head`. */
  readonly items: Exemplar[];
  head: number;
}

interface Slot {
  readonly series: SeriesEntry;
  readonly key: string;
}

function seriesKey(labels: Labels): string {
  return Object.keys(labels)
    .sort(compareBytes)
    .map((name) => `${name}\xff${labels[name]}`)
    .join('\xfe');
}

function sameLabels(a: Labels, b: Labels): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((n) => a[n] === b[n]);
}

/**
 * Exemplars in memory the way Prometheus keeps them: one ring of at most `capacity` exemplars shared by all
 * series, the oldest overwritten first, and per series an in-order list (an older or identical exemplar is
 * refused). A series whose exemplars have all been overwritten is forgotten, so memory is bounded by the
 * capacity. Not persisted: exemplars are lost on restart, as in Prometheus 2.x without the WAL option.
 */
export class ExemplarStorage {
  private readonly ring: Array<Slot | undefined>;
  private next = 0;
  private readonly series = new Map<string, SeriesEntry>();

  constructor(readonly capacity: number = DEFAULT_MAX_EXEMPLARS) {
    this.ring = new Array<Slot | undefined>(capacity);
  }

  /** Series with at least one exemplar held. */
  get seriesCount(): number {
    return this.series.size;
  }

  /** Exemplars held. */
  get size(): number {
    let n = 0;
    for (const entry of this.series.values()) n += entry.items.length - entry.head;
    return n;
  }

  /** Keeps an exemplar of the series; returns why not when refused. */
  append(seriesLabels: Labels, exemplar: Exemplar): ExemplarRejection | undefined {
    if (this.capacity === 0) return undefined;
    let chars = 0;
    for (const [name, value] of Object.entries(exemplar.labels))
      chars += [...name].length + [...value].length;
    if (chars > MAX_LABEL_CHARS) return 'label_length';
    const key = seriesKey(seriesLabels);
    const held = this.series.get(key);
    const last = held && held.items.length > held.head ? held.items[held.items.length - 1] : undefined;
    if (last !== undefined) {
      if (
        last.timestampMs === exemplar.timestampMs &&
        Object.is(last.value, exemplar.value) &&
        sameLabels(last.labels, exemplar.labels)
      ) {
        return 'duplicate';
      }
      if (exemplar.timestampMs < last.timestampMs) return 'out_of_order';
    }
    // Before the lookup: the slot freed may hold this series' only exemplar, which forgets the series.
    this.evict(this.next);
    let entry = this.series.get(key);
    if (entry === undefined) {
      entry = { labels: { ...seriesLabels }, items: [], head: 0 };
      this.series.set(key, entry);
    }
    entry.items.push({
      labels: { ...exemplar.labels },
      value: exemplar.value,
      timestampMs: exemplar.timestampMs,
    });
    this.ring[this.next] = { series: entry, key };
    this.next = (this.next + 1) % this.capacity;
    return undefined;
  }

  /**
   * Exemplars with a timestamp in [minT, maxT] of the series matching any of the matcher sets (Prometheus'
   * `Select(start, end, matchers...)`), series sorted by labels.
   */
  select(minT: number, maxT: number, matcherSets: readonly (readonly LabelMatcher[])[]): SeriesExemplars[] {
    const out: Array<SeriesExemplars & { key: string }> = [];
    for (const [key, entry] of this.series) {
      if (!matcherSets.some((matchers) => matchLabels(entry.labels, matchers))) continue;
      const exemplars = entry.items
        .slice(entry.head)
        .filter((e) => e.timestampMs >= minT && e.timestampMs <= maxT);
      if (exemplars.length > 0) out.push({ key, seriesLabels: entry.labels, exemplars });
    }
    out.sort((a, b) => compareBytes(a.key, b.key));
    return out.map(({ seriesLabels, exemplars }) => ({ seriesLabels, exemplars }));
  }

  /** Frees a ring slot: its exemplar is the oldest of its series, since both are in append order. */
  private evict(at: number): void {
    const slot = this.ring[at];
    if (slot === undefined) return;
    this.ring[at] = undefined;
    const entry = slot.series;
    entry.head++;
    if (entry.head === entry.items.length) {
      this.series.delete(slot.key);
    } else if (entry.head > 32 && entry.head * 2 > entry.items.length) {
      // Drop the consumed front now and then, so a busy series' list does not grow with every overwrite.
      entry.items.splice(0, entry.head);
      entry.head = 0;
    }
  }
}
