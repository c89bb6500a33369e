/** Refs this far past the end of the dense part go to the map instead (keeps the array dense). */
const MAX_GAP = 1024;

/**
 * Series by ref. Refs are handed out in sequence, so an array indexed by ref holds them densely; an indexed
 * load costs a fraction of a Map lookup, and the scrape and remote_write paths do one per sample. Refs far
 * beyond the array (a replayed WAL whose low refs are gone) go to a Map, so the array never turns sparse.
 */
export class RefTable<T> {
  private readonly dense: Array<T | undefined> = [];
  private readonly sparse = new Map<number, T>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(ref: number): T | undefined {
    if (ref >= 0 && ref < this.dense.length) {
      return this.dense[ref];
    }
    return this.sparse.get(ref);
  }

  has(ref: number): boolean {
    return this.get(ref) !== undefined;
  }

  set(ref: number, value: T): void {
    const dense = this.dense;
    if (Number.isInteger(ref) && ref >= 0 && ref < dense.length + MAX_GAP && !this.sparse.has(ref)) {
      while (dense.length < ref) {
        dense.push(undefined);
      }
      if (ref === dense.length) {
        dense.push(value);
        this.count++;
      } else {
        if (dense[ref] === undefined) {
          this.count++;
        }
        dense[ref] = value;
      }
      return;
    }
    if (!this.sparse.has(ref)) {
      this.count++;
    }
    this.sparse.set(ref, value);
  }

  delete(ref: number): void {
    if (ref >= 0 && ref < this.dense.length) {
      if (this.dense[ref] !== undefined) {
        this.dense[ref] = undefined;
        this.count--;
      }
      return;
    }
    if (this.sparse.delete(ref)) {
      this.count--;
    }
  }

  /** Every [ref, value], dense refs in order, then the others. */
  *entries(): IterableIterator<[number, T]> {
    for (let ref = 0; ref < this.dense.length; ref++) {
      const value = this.dense[ref];
      if (value !== undefined) {
        yield [ref, value];
      }
    }
    yield* this.sparse.entries();
  }
}
