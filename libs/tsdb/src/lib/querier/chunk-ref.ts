import { ChunkView } from '../head/head-chunk';

/** A chunk known by its time bounds; its bytes are fetched (from memory or disk) only on `read()`. */
export interface ChunkRef {
  readonly minT: number;
  readonly maxT: number;
  read(): ChunkView;
}

/** A chunk already in memory. */
export function memChunkRef(view: ChunkView): ChunkRef {
  return { minT: view.minT, maxT: view.maxT, read: () => view };
}
