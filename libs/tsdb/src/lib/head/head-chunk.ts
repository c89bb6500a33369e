/** A sealed (immutable) head chunk. */
export interface SealedChunk {
  readonly bytes: Uint8Array;
  readonly minT: number;
  readonly maxT: number;
}

/**
 * A chunk view handed to readers: for the open chunk, `bytes` is the live buffer and `count` the
 * number of samples present when the view was taken, so later appends are invisible to the reader.
 */
export interface ChunkView {
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly minT: number;
  readonly maxT: number;
}
