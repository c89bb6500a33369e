import type { ServerResponse } from 'node:http';
import type { ChannelName, Envelope } from '@neo/contracts';
import type { FanoutClient } from './event-fanout';
import { formatComment, formatEventMessage, formatRetry } from './sse-format';

export interface SseStreamOptions {
  /** Period of the `: keep-alive` comment. */
  readonly keepAliveMs: number;
  /** Reconnect delay suggested to EventSource clients. */
  readonly retryMs: number;
  /** A client whose unsent output grows past this is cut off instead of buffering without bound. */
  readonly maxBufferedBytes: number;
}

export type SseCloseReason = 'client-gone' | 'server-closing' | 'too-slow';

/** One open `text/event-stream` response. Writes never throw; once closed, everything is a no-op. */
export class SseStream implements FanoutClient {
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly closeListeners: Array<(reason: SseCloseReason) => void> = [];

  constructor(
    private readonly res: ServerResponse,
    readonly channels: ReadonlySet<ChannelName>,
    private readonly options: SseStreamOptions,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  open(): void {
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx buffers proxied responses by default, which would hold events back.
      'X-Accel-Buffering': 'no',
    });
    this.res.on('close', () => this.finish('client-gone'));
    this.write(formatRetry(this.options.retryMs));
    // Written once the client is registered, so a reader that sees it knows no later event is missed.
    this.write(formatComment(`connected; channels ${[...this.channels].join(',')}`));
    this.timer = setInterval(() => this.write(formatComment('keep-alive')), this.options.keepAliveMs);
    this.timer.unref();
  }

  send(envelope: Envelope): void {
    this.write(formatEventMessage(envelope));
  }

  /** Ends the response normally, so the client sees a clean end of stream and the server can close. */
  close(): void {
    if (this.closed) return;
    this.finish('server-closing');
    this.res.end();
  }

  onClose(listener: (reason: SseCloseReason) => void): void {
    this.closeListeners.push(listener);
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.finish('too-slow');
      this.res.destroy();
      return;
    }
    this.res.write(chunk);
  }

  private finish(reason: SseCloseReason): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const listener of this.closeListeners) listener(reason);
  }
}
