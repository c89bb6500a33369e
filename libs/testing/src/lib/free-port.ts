import { createServer } from 'node:net';

/**
 * A loopback port free right now (bind 127.0.0.1:0, read, close). Another process may take it
 * before the caller binds; callers that can should listen on 0 themselves.
 */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close(() => reject(new Error('could not read the bound port')));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * `count` distinct free loopback ports. Calling getFreePort repeatedly can hand out the same port twice (the
 * kernel may reuse a port released a moment ago), which makes two services of one stack collide.
 */
export async function getFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count; attempt++) {
    if (attempt > count * 20) throw new Error(`could not find ${count} distinct free ports`);
    ports.add(await getFreePort());
  }
  return [...ports];
}

/**
 * A loopback port nothing listens on, for "connection refused" cases: a port just released by
 * getFreePort. Use it at once; like getFreePort it cannot stop another process from taking it.
 */
export function refusedPort(): Promise<number> {
  return getFreePort();
}
