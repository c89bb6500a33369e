import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { Labels } from '@neo/domain-metric';
import type { DropReason, RemoteWriteMetrics } from './remote-write-metrics';
import type { RemoteWriteConfig } from './remote-write.schema';
import { SampleQueue, type QueuedBatch } from './sample-queue';
import { encodeRemoteWriteBody, REMOTE_WRITE_HEADERS, type SeriesToSend } from './write-request-encoder';

/** Outcome of one HTTP attempt. */
type Attempt =
  | { kind: 'ok' }
  | { kind: 'retry'; afterMs?: number; why: string }
  | { kind: 'fail'; why: string };

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Samples of a batch grouped per series (by store ref), order within each series kept. */
export function groupBySeries(batch: QueuedBatch): SeriesToSend[] {
  const byRef = new Map<number, { labels: Labels; timestamps: number[]; values: number[] }>();
  for (let i = 0; i < batch.refs.length; i++) {
    let series = byRef.get(batch.refs[i]);
    if (!series) {
      series = { labels: batch.labels[i], timestamps: [], values: [] };
      byRef.set(batch.refs[i], series);
    }
    series.timestamps.push(batch.timestamps[i]);
    series.values.push(batch.values[i]);
  }
  return [...byRef.values()];
}

/**
 * One remote write endpoint: a bounded queue, and one sender loop that cuts a batch when it holds
 * max_samples_per_send samples or batch_send_deadline has passed, and retries 5xx/429/network errors with
 * exponential backoff (or the server's Retry-After) while other 4xx answers drop the batch. One request at a
 * time keeps each series in order at the receiver, which rejects out-of-order samples. On stop the queue is
 * flushed for a bounded time (Prometheus' flush deadline), then what is left is counted as dropped.
 */
export class RemoteEndpoint {
  readonly name: string;
  private readonly logger: Logger;
  private readonly queue: SampleQueue;
  private newestAppendedMs = -Infinity;
  private oldestAppendedMs = Infinity;
  private highestSentMs = -Infinity;
  private wake: (() => void) | undefined;
  /** Stop was asked: send what is queued without waiting for batch deadlines. */
  private draining = false;
  /** The flush deadline passed: abort the request in flight and give up. */
  private stopping = false;
  /** The loop has ended: later samples cannot be sent. */
  private stopped = false;
  private droppedAtShutdown = 0;
  private readonly stopController = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly config: RemoteWriteConfig,
    private readonly metrics: RemoteWriteMetrics,
  ) {
    this.name = config.name ?? new URL(config.url).host;
    this.logger = new Logger(`RemoteWrite ${this.name}`);
    this.queue = new SampleQueue(config.queue_config.capacity);
  }

  /** Never blocks: a full queue loses its oldest sample, counted as dropped{reason="queue_full"}. */
  enqueue(ref: number, labels: Labels, t: number, v: number): void {
    if (this.stopped) {
      this.countDropped('shutdown', 1);
      return;
    }
    if (this.queue.push(ref, labels, t, v)) {
      this.metrics.dropped.inc({ remote: this.name, reason: 'queue_full' });
    }
    if (t > this.newestAppendedMs) this.newestAppendedMs = t;
    if (t < this.oldestAppendedMs) this.oldestAppendedMs = t;
    if (this.queue.length >= this.config.queue_config.max_samples_per_send) this.wake?.();
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Samples that never reached the endpoint for a reason found outside the queue. */
  countDropped(reason: DropReason, samples: number): void {
    this.metrics.dropped.inc({ remote: this.name, reason }, samples);
    if (reason === 'shutdown') this.droppedAtShutdown += samples;
  }

  /**
   * Graceful stop: sends everything queued, batch after batch without waiting for batch_send_deadline and
   * retrying as usual, for at most `flushDeadlineMs`. Then the request in flight is aborted and whatever was
   * not delivered is counted as dropped{reason="shutdown"} and logged.
   */
  async stop(flushDeadlineMs = 0): Promise<void> {
    if (this.draining) return;
    const queued = this.queue.length;
    this.draining = true;
    const deadline = setTimeout(() => {
      this.stopping = true;
      this.stopController.abort();
    }, flushDeadlineMs);
    this.wake?.();
    await this.loop;
    clearTimeout(deadline);
    this.stopped = true;
    const left = this.queue.length;
    if (left > 0) this.countDropped('shutdown', left);
    this.queue.take(left);
    this.updateGauges();
    if (this.droppedAtShutdown > 0) {
      this.logger.warn({
        msg: 'remote write stopped with samples not delivered; dropped',
        samples: this.droppedAtShutdown,
        queued,
        flushDeadlineMs,
      });
    } else if (queued > 0) {
      this.logger.log({ msg: 'remote write queue flushed', samples: queued });
    }
  }

  private async run(): Promise<void> {
    const { max_samples_per_send: max } = this.config.queue_config;
    while (!this.stopping) {
      if (!this.draining) await this.waitForBatch();
      if (this.queue.length === 0) {
        if (this.draining) return;
        continue;
      }
      const batch = this.queue.take(max);
      this.updateGauges();
      await this.send(batch);
      this.updateGauges();
    }
  }

  /** Until a full batch is queued, the deadline passes with something queued, or stop. */
  private waitForBatch(): Promise<void> {
    const { max_samples_per_send: max, batch_send_deadline: deadline } = this.config.queue_config;
    if (this.queue.length >= max || this.draining) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, deadline);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private async send(batch: QueuedBatch): Promise<void> {
    const count = batch.refs.length;
    const body = encodeRemoteWriteBody(groupBySeries(batch));
    const {
      min_backoff: minBackoff,
      max_backoff: maxBackoff,
      max_retries: maxRetries,
    } = this.config.queue_config;
    let backoff = minBackoff;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.metrics.samples.inc({ remote: this.name, result: 'retried' }, count);
      const outcome = await this.attempt(body);
      if (outcome.kind === 'ok') {
        this.metrics.samples.inc({ remote: this.name, result: 'success' }, count);
        for (const t of batch.timestamps) if (t > this.highestSentMs) this.highestSentMs = t;
        return;
      }
      this.metrics.failures.inc({ remote: this.name });
      if (outcome.kind === 'fail') {
        // A 4xx other than 429 will fail the same way again: retrying would only block the queue.
        this.metrics.samples.inc({ remote: this.name, result: 'failed' }, count);
        this.metrics.dropped.inc({ remote: this.name, reason: 'rejected' }, count);
        this.logger.warn({
          msg: 'remote write rejected a batch; dropped',
          samples: count,
          reason: outcome.why,
        });
        return;
      }
      if ((maxRetries !== undefined && attempt >= maxRetries) || this.stopping) {
        const reason = this.stopping ? 'shutdown' : 'retries_exhausted';
        this.countDropped(reason, count);
        if (!this.stopping)
          this.logger.warn({ msg: 'remote write gave up on a batch', samples: count, reason: outcome.why });
        return;
      }
      // The server's Retry-After wins (even above max_backoff: it knows when it will take data again).
      const delay = outcome.afterMs ?? backoff;
      backoff = Math.min(backoff * 2, maxBackoff);
      await this.sleep(delay);
    }
  }

  private async attempt(body: Uint8Array): Promise<Attempt> {
    try {
      const response = await fetch(this.config.url, {
        method: 'POST',
        body,
        headers: { ...this.config.headers, ...REMOTE_WRITE_HEADERS, ...this.authHeader() },
        // The flush deadline at shutdown cuts a slow request short, like remote_timeout does.
        signal: AbortSignal.any([
          AbortSignal.timeout(this.config.remote_timeout),
          this.stopController.signal,
        ]),
      });
      const text = response.ok ? '' : (await response.text()).slice(0, 512);
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { kind: 'ok' };
      const why = `HTTP ${response.status}: ${text.trim()}`;
      if (response.status === 429 || response.status >= 500) {
        return { kind: 'retry', afterMs: retryAfterMs(response.headers.get('retry-after')), why };
      }
      return { kind: 'fail', why };
    } catch (error) {
      return { kind: 'retry', why: (error as Error).message };
    }
  }

  /** Credentials are read per request so that rotated token/password files take effect without a restart. */
  private authHeader(): Record<string, string> {
    const { basic_auth: basic, bearer_token: token, bearer_token_file: tokenFile } = this.config;
    if (basic) {
      const password = basic.password_file
        ? readFileSync(basic.password_file, 'utf8').trim()
        : (basic.password ?? '');
      return { Authorization: `Basic ${Buffer.from(`${basic.username}:${password}`).toString('base64')}` };
    }
    const bearer = tokenFile ? readFileSync(tokenFile, 'utf8').trim() : token;
    return bearer ? { Authorization: `Bearer ${bearer}` } : {};
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.stopController.signal;
    return new Promise((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, ms);
      signal.addEventListener('abort', wakeUp);
    });
  }

  private updateGauges(): void {
    this.metrics.queueLength.set({ remote: this.name }, this.queue.length);
    // Before the first successful send the whole appended span is behind.
    const sent = this.highestSentMs === -Infinity ? this.oldestAppendedMs : this.highestSentMs;
    const lag = this.newestAppendedMs === -Infinity ? 0 : Math.max(0, this.newestAppendedMs - sent);
    this.metrics.lag.set({ remote: this.name }, lag / 1000);
  }
}
