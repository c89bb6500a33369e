/** Size of one shared buffer. Large enough that its own overhead vanishes, small enough to be freed soon. */
const SLAB_BYTES = 256 * 1024;
/** Copies at least this large get their own buffer: they would waste too much of a slab's tail. */
const OWN_BUFFER_BYTES = 4096;

/**
 * Sealed chunks are small (~170 bytes for 120 regular samples) and numerous. Each standalone Uint8Array costs
 * its own ArrayBuffer, a malloc'd backing store and bookkeeping, several times the chunk's bytes in resident
 * memory once freed buffers fragment the allocator. Copies are carved out of shared 256 KiB buffers instead:
 * a chunk is then only a view. A slab is freed when no view of it is left; chunks sealed together are
 * dropped together (head truncation goes by time), so slabs do not stay pinned for long.
 */
export class ByteSlab {
  private slab = new Uint8Array(0);
  private used = 0;

  /** `length` zeroed bytes in a shared buffer (never handed out twice, so still zero). */
  alloc(length: number): Uint8Array {
    if (length >= OWN_BUFFER_BYTES) {
      return new Uint8Array(length);
    }
    if (this.used + length > this.slab.length) {
      this.slab = new Uint8Array(SLAB_BYTES);
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + length);
    this.used += length;
    return out;
  }

  /** An exact-size copy of `src[0, length)` that lives in a shared buffer. */
  copy(src: Uint8Array, length = src.length): Uint8Array {
    const out = this.alloc(length);
    out.set(src.subarray(0, length));
    return out;
  }
}

/** The process-wide slab for sealed head chunks. */
export const sealedChunkSlab = new ByteSlab();

/**
 * Where open head chunks start: all series cut their chunks at about the same time and seal them together,
 * so a slab of open chunks empties as a whole. Kept apart from sealed chunks, which live much longer.
 */
export const openChunkSlab = new ByteSlab();
