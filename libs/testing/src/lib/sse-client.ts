import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { SseParser, type SseMessage } from './sse-parser';

/**
 * Reads a text/event-stream over plain node:http as a browser's EventSource would, keeping every
 * dispatched message and comment. It connects on construction and never reconnects.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  /** Comment lines (`: keep-alive`) without the colon, trimmed. */
  readonly comments: string[] = [];
  /** True once the stream ended, failed or was closed. */
  ended = false;
  status = 0;
  contentType = '';
  private blocks = 0;
  private response: IncomingMessage | undefined;
  private readonly req: ClientRequest;
  private readonly firstBlock: Promise<void>;
  private readonly parser = new SseParser({
    message: (message) => this.messages.push(message),
    comment: (text) => this.comments.push(text),
    block: () => this.blocks++,
  });

  constructor(readonly url: string) {
    let resolveFirst: () => void = () => undefined;
    let rejectFirst: (error: Error) => void = () => undefined;
    this.firstBlock = new Promise((resolve, reject) => {
      resolveFirst = resolve;
      rejectFirst = reject;
    });
    // Callers that never await connected() must not see an unhandled rejection.
    this.firstBlock.catch(() => undefined);
    this.req = request(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      this.response = res;
      this.status = res.statusCode ?? 0;
      this.contentType = String(res.headers['content-type'] ?? '');
      if (this.status !== 200) {
        rejectFirst(new Error(`SSE ${url} answered ${this.status}`));
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        this.parser.feed(chunk);
        if (this.blocks > 0) resolveFirst();
      });
      res.on('error', () => undefined);
      res.on('end', () => this.finish(rejectFirst));
      res.on('close', () => this.finish(rejectFirst));
    });
    this.req.on('error', (error) => this.finish(rejectFirst, error));
    this.req.end();
  }

  /**
   * Resolves once the server has written its first complete block, i.e. the stream is registered
   * for events; rejects if the answer is not 200 or the stream ends or fails before that.
   */
  connected(): Promise<void> {
    return this.firstBlock;
  }

  close(): void {
    this.response?.destroy();
    this.req.destroy();
    this.ended = true;
  }

  private finish(rejectFirst: (error: Error) => void, error?: Error): void {
    this.ended = true;
    rejectFirst(error ?? new Error(`SSE ${this.url} ended before its first block`));
  }
}
