/** One dispatched Server-Sent Event, as EventSource hands it to a listener. */
export interface SseMessage {
  /** `event:` field; `message` when absent. */
  readonly event: string;
  /** `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last event id seen on the stream (EventSource's lastEventId); absent while none was set. */
  readonly id?: string;
}

/** What the parser reports as it reads: events, comments and the end of each block. */
export interface SseSink {
  message(message: SseMessage): void;
  comment(text: string): void;
  /** A block ended (blank line), whether or not it carried data. */
  block(): void;
}

/**
 * Incremental text/event-stream parser following the EventSource rules: CRLF, LF or CR line ends,
 * one optional space after the colon, blocks without data are not dispatched, ids stick.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private lastEventId = '';
  private started = false;

  constructor(private readonly sink: SseSink) {}

  feed(chunk: string): void {
    this.buffer += chunk;
    if (!this.started && this.buffer.length > 0) {
      this.started = true;
      this.buffer = this.buffer.replace(/^\uFEFF/, '');
    }
    // A CR at the very end may be the first half of a CRLF split across chunks: keep it for later.
    const lines = this.buffer.split(/\r\n|\r(?!$)|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      this.sink.comment(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      this.event = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id' && !value.includes('\0')) {
      this.lastEventId = value;
    }
  }

  private dispatch(): void {
    if (this.data.length > 0) {
      this.sink.message({
        event: this.event === '' ? 'message' : this.event,
        data: this.data.join('\n'),
        ...(this.lastEventId === '' ? {} : { id: this.lastEventId }),
      });
    }
    this.event = '';
    this.data = [];
    this.sink.block();
  }
}
