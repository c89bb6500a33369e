import { SampleIterator } from '../chunk/sample-iterator';
import { XorIterator } from '../chunk/xor-chunk';
import { ChunkRef } from './chunk-ref';

/**
 * Walks a series' chunks in time order, decoding one chunk at a time and skipping chunks outside the
 * range (or before a seek target) without reading them. Only samples in [mint, maxt] are yielded, each
 * timestamp once even if two sources overlapped.
 */
export class ChainIterator implements SampleIterator {
  private idx = -1;
  private cur: XorIterator | null = null;
  private tCur = 0;
  private vCur = 0;
  private lastT = -Infinity;
  private done = false;

  constructor(
    private readonly chunks: readonly ChunkRef[],
    private readonly mint: number,
    private readonly maxt: number,
  ) {}

  get t(): number {
    return this.tCur;
  }

  get v(): number {
    return this.vCur;
  }

  /**
   * Steps the open chunk's decoder directly (the per-sample path of every query): samples at or before the
   * last one yielded (overlap) or before mint are passed over; seeking goes through {@link advance} only
   * when a chunk is exhausted and the next one has to be opened.
   */
  next(): boolean {
    if (this.done) {
      return false;
    }
    const it = this.cur;
    if (it !== null) {
      const lastT = this.lastT;
      const mint = this.mint;
      while (it.next()) {
        const t = it.t;
        if (t <= lastT || t < mint) {
          continue;
        }
        if (t > this.maxt) {
          this.done = true;
          return false;
        }
        this.tCur = t;
        this.vCur = it.v;
        this.lastT = t;
        return true;
      }
      this.cur = null;
    }
    return this.advance(Math.max(this.mint, this.lastT + 1));
  }

  seek(t: number): boolean {
    if (this.lastT !== -Infinity && this.tCur >= t && !this.done) {
      return true;
    }
    return this.advance(Math.max(this.mint, t, this.lastT + 1));
  }

  private advance(from: number): boolean {
    if (this.done) {
      return false;
    }
    for (;;) {
      if (this.cur === null) {
        if (!this.openNext(from)) {
          this.done = true;
          return false;
        }
      }
      const it = this.cur as XorIterator;
      if (it.seek(from)) {
        if (it.t > this.maxt) {
          this.done = true;
          return false;
        }
        this.tCur = it.t;
        this.vCur = it.v;
        // Later calls seek to lastT + 1, which moves the chunk iterator past this sample.
        this.lastT = it.t;
        return true;
      }
      this.cur = null;
    }
  }

  private openNext(from: number): boolean {
    while (++this.idx < this.chunks.length) {
      const c = this.chunks[this.idx];
      if (c.maxT < from) {
        continue;
      }
      if (c.minT > this.maxt) {
        return false;
      }
      const view = c.read();
      this.cur = new XorIterator(view.bytes, view.count);
      return true;
    }
    return false;
  }
}
