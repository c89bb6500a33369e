import { Postings } from './postings';

/** What matcher evaluation needs from an index; the head and every block implement it. */
export interface PostingsReader {
  /** All values `name` takes (unordered is fine). */
  labelValuesOf(name: string): Iterable<string>;
  /** Refs of series with `name="value"`. */
  postings(name: string, value: string): Postings;
  /** Refs of every series. */
  allPostings(): Postings;
}
