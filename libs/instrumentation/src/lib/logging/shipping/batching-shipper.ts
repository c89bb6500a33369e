import { context, createContextKey } from '@opentelemetry/api';
import type { LogRecord, LogShipper, ShipperStats } from './log-shipper';

export interface BatchingOptions {
  /** Lines per request (default 500). */
  readonly batchSize?: number;
  /** Longest a line waits before it is sent (default 1000 ms). */
  readonly flushIntervalMs?: number;
  /** Lines kept while the remote is slow or down; the oldest are dropped beyond this (default 10000). */
  readonly maxBuffered?: number;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The OpenTelemetry SDK's suppress-tracing key (context keys are `Symbol.for(description)`): shipping logs
 * must not create traces of its own, which would log and ship again.
 */
const SUPPRESS_TRACING = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** Buffers records and posts them in batches from a timer, never from the caller's stack. */
export abstract class BatchingShipper implements LogShipper {
  abstract readonly name: string;
  readonly stats: ShipperStats = { shipped: 0, dropped: 0, failedRequests: 0 };
  private buffer: LogRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;
  protected readonly timeoutMs: number;

  protected constructor(options: BatchingOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  enqueue(record: LogRecord): void {
    if (this.buffer.length >= this.maxBuffered) {
      this.buffer.shift();
      this.stats.dropped++;
    }
    this.buffer.push(record);
    if (this.buffer.length >= this.batchSize) {
      this.schedule(0);
    } else {
      this.schedule(this.flushIntervalMs);
    }
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Chained so batches leave in order and a flush waits for the one already on the wire.
    this.inFlight = this.inFlight.then(() => this.sendBuffered());
    return this.inFlight;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  /** Posts one batch; throws on a failed request. */
  protected abstract send(batch: readonly LogRecord[]): Promise<void>;

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
    this.timer.unref();
  }

  private async sendBuffered(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.batchSize);
      try {
        await context.with(context.active().setValue(SUPPRESS_TRACING, true), () => this.send(batch));
        this.stats.shipped += batch.length;
      } catch {
        // The remote is down or refused the batch: count and move on; logs must not pile up without bound.
        this.stats.failedRequests++;
        this.stats.dropped += batch.length;
      }
    }
  }

  protected async post(url: string, body: string, contentType: string, headers: Record<string, string>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${this.name}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return text;
  }
}
