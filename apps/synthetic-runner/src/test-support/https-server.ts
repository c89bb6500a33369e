import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SelfSignedCert } from './self-signed-cert';

export interface HttpsLoopback {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with the given certificate. */
export async function startHttpsServer(
  cert: SelfSignedCert,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<HttpsLoopback> {
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
