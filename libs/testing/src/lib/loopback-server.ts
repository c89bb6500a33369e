import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { waitFor } from './wait-for';

/** One request a loopback server got, body fully read. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/login?x=1`. */
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json<T = unknown>(): T;
  readonly receivedAt: number;
}

/** Answers one recorded request; it may also leave `response` open to simulate a hung server. */
export type LoopbackHandler = (request: RecordedRequest, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 that records every request and answers with the test's handler. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  /** Resolve with the first request (already received or future) matching `predicate`; default 5 s. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Stop listening and drop open connections, including responses the handler never ended. */
  stop(): Promise<void>;
}

/** Options for startLoopbackServer; port 0 or absent picks a free one. */
export interface LoopbackServerOptions {
  readonly port?: number;
}

/** Listen on 127.0.0.1 only (tests must not expose ports) and resolve with the bound port. */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('could not read the bound port'));
        return;
      }
      resolve(address.port);
    });
  });
}

/** Close the server and drop keep-alive connections, so stop() returns promptly and frees the port. */
export function closeServer(server: Server): Promise<void> {
  if (!server.listening) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Poll `requests` for the first one matching `predicate`; `where` names the server in the timeout. */
export function waitForRecordedRequest(
  requests: readonly RecordedRequest[],
  predicate: (r: RecordedRequest) => boolean,
  timeoutMs: number,
  where: string,
): Promise<RecordedRequest> {
  return waitFor(
    () => {
      // A predicate that throws on one request (e.g. non-JSON body) must not hide a later match.
      let lastError: unknown;
      for (const request of requests) {
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
    { timeoutMs, intervalMs: 10, description: `a request to ${where} matching the predicate` },
  );
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

function answerFailure(res: ServerResponse, error: unknown): void {
  if (!res.headersSent) {
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`handler threw: ${message}\n`);
  }
}

/** Start a recording HTTP server on 127.0.0.1; a handler that throws answers 500 with its message. */
export async function startLoopbackServer(
  handler: LoopbackHandler,
  opts: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = record(req, Buffer.concat(chunks).toString('utf8'));
      requests.push(recorded);
      try {
        handler(recorded, res);
      } catch (error: unknown) {
        answerFailure(res, error);
      }
    });
  });
  const port = await listenOnLoopback(server, opts.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    requests,
    waitForRequest: (predicate, timeoutMs = 5000) =>
      waitForRecordedRequest(requests, predicate, timeoutMs, url),
    stop: () => closeServer(server),
  };
}
