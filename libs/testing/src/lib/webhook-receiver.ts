import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';
import { waitFor } from './wait-for';

/** One request the receiver got, body fully read. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json<T = unknown>(): T;
  readonly receivedAt: number;
}

/** A loopback HTTP endpoint that records every request, for asserting on notifications. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT<path>` */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  /** Resolve with the first request (already received or future) matching `predicate`; default 5 s. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Answer later requests with this status (200 until set). */
  respondWith(status: number): void;
  stop(): Promise<void>;
}

/** Options for startWebhookReceiver; `path` (default `/webhook`) only shapes `url`. */
export interface WebhookReceiverOptions {
  readonly port?: number;
  readonly path?: string;
}

function record(req: IncomingMessage, body: string): RecordedRequest {
  return {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers: { ...req.headers },
    body,
    json: <T>() => JSON.parse(body) as T,
    receivedAt: Date.now(),
  };
}

class Receiver implements WebhookReceiver {
  readonly requests: RecordedRequest[] = [];
  private status = 200;
  private readonly server = createServer((req, res) => this.handle(req, res));
  private boundPort = 0;

  constructor(private readonly path: string) {}

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}${this.path}`;
  }

  async start(port: number): Promise<void> {
    this.boundPort = await listenOnLoopback(this.server, port);
  }

  respondWith(status: number): void {
    this.status = status;
  }

  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return waitFor(
      () => {
        // A predicate that throws on one request (e.g. non-JSON body) must not hide a later match.
        let lastError: unknown;
        for (const request of this.requests) {
          try {
            if (predicate(request)) {
              return request;
            }
          } catch (error: unknown) {
            lastError = error;
          }
        }
        if (lastError !== undefined) {
          throw lastError;
        }
        return undefined;
      },
      { timeoutMs, intervalMs: 10, description: `a request to ${this.url} matching the predicate` },
    );
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.requests.push(record(req, Buffer.concat(chunks).toString('utf8')));
      res
        .writeHead(this.status, { 'content-type': 'text/plain' })
        .end(this.status < 300 ? 'ok\n' : 'error\n');
    });
  }
}

/** Start a loopback receiver that records every request and answers 200 (or the set status). */
export async function startWebhookReceiver(opts: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const path = opts.path ?? '/webhook';
  const receiver = new Receiver(path.startsWith('/') ? path : `/${path}`);
  await receiver.start(opts.port ?? 0);
  return receiver;
}
