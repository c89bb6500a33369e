import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedExport {
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** A loopback OTLP/HTTP traces endpoint that keeps what it is sent and answers with an empty success. */
export async function startOtlpReceiver(): Promise<{
  url: string;
  received: ReceivedExport[];
  close: () => Promise<void>;
}> {
  const received: ReceivedExport[] = [];
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      received.push({ contentType: req.headers['content-type'], body: Buffer.concat(parts) });
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' }).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    received,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
