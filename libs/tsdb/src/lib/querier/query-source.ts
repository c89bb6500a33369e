import { IndexReader } from '../index/index-reader';
import { ChunkRef } from './chunk-ref';

/** Something a query reads: the head or one block. */
export interface QuerySource extends IndexReader {
  /** Chunks of `ref` overlapping [mint, maxt], in time order. */
  chunkRefs(ref: number, mint: number, maxt: number): ChunkRef[];
}
