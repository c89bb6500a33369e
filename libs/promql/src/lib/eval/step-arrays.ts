/**
 * Hands out per-series step arrays (values, presence flags) as views of shared slabs. A Float64Array
 * of a few hundred steps is too large for V8 to keep on its heap, so each `new` was a malloc'd backing
 * store the garbage collector tracks and frees one by one: with tens of thousands of series per node
 * that was a large part of a query's time. Views cost one small object; a slab lives as long as any of
 * its views, which is at most the query. Slabs start small (a query over a few series allocates little)
 * and double up to a cap.
 */
export class StepArrays {
  private valueSlab = new Float64Array(0);
  private valueUsed = 0;
  private presentSlab = new Uint8Array(0);
  private presentUsed = 0;
  private seriesPerSlab = 4;

  constructor(private readonly n: number) {}

  /** A zeroed Float64Array of n steps. */
  values(): Float64Array {
    const n = this.n;
    if (this.valueUsed + n > this.valueSlab.length) {
      this.valueSlab = new Float64Array(n * this.grow());
      this.valueUsed = 0;
    }
    const out = this.valueSlab.subarray(this.valueUsed, this.valueUsed + n);
    this.valueUsed += n;
    return out;
  }

  /** A zeroed Uint8Array of n steps (nothing present). */
  present(): Uint8Array {
    const n = this.n;
    if (this.presentUsed + n > this.presentSlab.length) {
      this.presentSlab = new Uint8Array(n * this.grow());
      this.presentUsed = 0;
    }
    const out = this.presentSlab.subarray(this.presentUsed, this.presentUsed + n);
    this.presentUsed += n;
    return out;
  }

  private grow(): number {
    const size = this.seriesPerSlab;
    if (size < 512) {
      this.seriesPerSlab = size * 2;
    }
    return size;
  }
}
