import { request, type ClientRequest } from 'node:http';

export interface SseMessage {
  readonly event: string;
  readonly id?: string;
  readonly data: string;
}

/** Reads a Server-Sent Events stream as a browser's EventSource would, keeping every message. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  private req: ClientRequest | undefined;
  private buffer = '';

  open(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.req = request(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`SSE ${url} answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.feed(chunk));
        res.on('error', () => undefined);
        resolve();
      });
      this.req.on('error', (error) => (this.messages.length === 0 ? reject(error) : undefined));
      this.req.end();
    });
  }

  close(): void {
    this.req?.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk.replace(/\r\n/g, '\n');
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) this.messages.push({ event, ...(id ? { id } : {}), data: data.join('\n') });
    }
  }
}
