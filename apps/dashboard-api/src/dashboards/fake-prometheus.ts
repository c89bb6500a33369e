import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answered with for one query: a Prometheus `data`, or an HTTP status and error envelope. */
export type FakeAnswer = { readonly data: unknown } | { readonly status: number; readonly error: string };

export interface AskedQuery {
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

/** A loopback Prometheus API for tests: `answer` picks the reply per request; every request is recorded. */
export class FakePrometheus {
  readonly asked: AskedQuery[] = [];
  private server?: Server;

  constructor(private readonly answer: (query: AskedQuery) => FakeAnswer) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = { path: url.pathname, params: Object.fromEntries(url.searchParams) };
    this.asked.push(query);
    const answer = this.answer(query);
    const status = 'status' in answer ? answer.status : 200;
    const body =
      'status' in answer
        ? { status: 'error', errorType: 'bad_data', error: answer.error }
        : { status: 'success', data: answer.data };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
