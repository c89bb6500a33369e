import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SseMessage {
  readonly event?: string;
  readonly id?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** Reads a text/event-stream over plain node:http, parsing each block as it arrives. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  ended = false;
  status = 0;
  contentType = '';
  private buffer = '';
  private response: IncomingMessage | undefined;
  private readonly req: ClientRequest;
  private readonly firstBlock: Promise<void>;

  constructor(url: string) {
    let signalFirst: () => void = () => undefined;
    this.firstBlock = new Promise((resolve) => (signalFirst = resolve));
    this.req = request(url, (res) => {
      this.response = res;
      this.status = res.statusCode ?? 0;
      this.contentType = String(res.headers['content-type'] ?? '');
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        this.receive(chunk);
        if (this.messages.length > 0) signalFirst();
      });
      res.on('end', () => (this.ended = true));
      res.on('close', () => (this.ended = true));
    });
    this.req.on('error', () => (this.ended = true));
    this.req.end();
  }

  /** Resolves once the server has written its first block, i.e. the stream is registered for events. */
  connected(): Promise<void> {
    return this.firstBlock;
  }

  close(): void {
    this.response?.destroy();
    this.req.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      this.messages.push(parseBlock(this.buffer.slice(0, end)));
      this.buffer = this.buffer.slice(end + 2);
      end = this.buffer.indexOf('\n\n');
    }
  }
}

function parseBlock(block: string): SseMessage {
  const message: Record<string, string> = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      message['comment'] = line.slice(1).trim();
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    message[field] = message[field] === undefined ? value : `${message[field]}\n${value}`;
  }
  return message;
}
