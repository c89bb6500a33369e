/** Injection token of the ingest size limits. */
export const INGEST_LIMITS = Symbol.for('neo.collector.ingest-limits');

export interface IngestLimits {
  /** Largest accepted request body as received (compressed), in bytes; more is answered 413. */
  readonly maxBodyBytes: number;
  /** Largest body after snappy/gzip decompression; guards against decompression bombs. */
  readonly maxDecodedBytes: number;
}
