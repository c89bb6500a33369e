/** A parsed log line as pino wrote it. */
export type LogRecord = Readonly<Record<string, unknown>>;

/**
 * Sends log lines to a remote store. `enqueue` must return at once: the caller is the logging path, which
 * must never wait on the network. Batching, retries and drops are the shipper's business.
 */
export interface LogShipper {
  readonly name: string;
  enqueue(record: LogRecord): void;
  /** Sends whatever is buffered; resolves when the request finished (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly stats: Readonly<ShipperStats>;
}

export interface ShipperStats {
  shipped: number;
  /** Lines dropped because the buffer was full or the remote refused them. */
  dropped: number;
  failedRequests: number;
}
