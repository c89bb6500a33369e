import type { SeriesRef } from '@neo/tsdb';
import type { SeriesKeyLookup } from './write-batch';

/** How long a generation lasts: a series unseen for one to two of these is forgotten. */
const GENERATION_MS = 10 * 60_000;

/**
 * The receiver's counterpart of the scrape cache: the raw protobuf bytes of a series' labels (as a latin1
 * string) to its series ref, so a series sent again costs one map lookup instead of decoding, validating,
 * sorting and hashing its labels. Two generations bound its memory to the series seen in the last 10-20
 * minutes: at each turn the older one is dropped and entries still in use move to the new one on lookup.
 * A ref the head has since removed is harmless: the store falls back to the labels and returns a new ref.
 */
export class SeriesKeyCache implements SeriesKeyLookup {
  private current = new Map<string, SeriesRef>();
  private previous = new Map<string, SeriesRef>();
  private turnedAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.turnedAt = now();
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: string): SeriesRef | undefined {
    const ref = this.current.get(key);
    if (ref !== undefined) return ref;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.current.set(key, old);
    }
    return old;
  }

  set(key: string, ref: SeriesRef): void {
    this.current.set(key, ref);
  }

  /** Starts a new generation when the current one is old enough; call once per request. */
  maybeTurn(): void {
    const now = this.now();
    if (now - this.turnedAt < GENERATION_MS) return;
    this.previous = this.current;
    this.current = new Map();
    this.turnedAt = now;
  }
}
