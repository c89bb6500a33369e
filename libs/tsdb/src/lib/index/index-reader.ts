import { LabelPairs } from '../head/label-pairs';
import { PostingsReader } from './postings-reader';

/** A searchable set of series (the head or one block) with the time each series covers. */
export interface IndexReader extends PostingsReader {
  readonly minT: number;
  readonly maxT: number;
  labelNames(): Iterable<string>;
  seriesPairs(ref: number): LabelPairs | undefined;
  /** Whether the series has a chunk overlapping [mint, maxt]. */
  seriesOverlaps(ref: number, mint: number, maxt: number): boolean;
}
