import { startLoopbackServer, waitForRecordedRequest, type RecordedRequest } from './loopback-server';

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

/** Start a loopback receiver that records every request and answers 200 (or the set status). */
export async function startWebhookReceiver(opts: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const path = opts.path ?? '/webhook';
  let status = 200;
  const server = await startLoopbackServer(
    (_request, res) =>
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok\n' : 'error\n'),
    { port: opts.port },
  );
  const url = `${server.url}${path.startsWith('/') ? path : `/${path}`}`;
  return {
    url,
    port: server.port,
    requests: server.requests,
    waitForRequest: (predicate, timeoutMs = 5000) =>
      waitForRecordedRequest(server.requests, predicate, timeoutMs, url),
    respondWith: (code) => {
      status = code;
    },
    stop: () => server.stop(),
  };
}
