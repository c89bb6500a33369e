import { createServer, connect, type Server } from 'node:net';
import { getFreePort, getFreePorts, refusedPort } from './free-port';

function connectError(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error));
  });
}

describe('getFreePort', () => {
  it('returns a port that can be bound on loopback', async () => {
    const port = await getFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('getFreePorts', () => {
  it('returns distinct ports that can all be bound at once', async () => {
    const ports = await getFreePorts(6);
    expect(new Set(ports).size).toBe(6);
    const servers = await Promise.all(
      ports.map(
        (port) =>
          new Promise<Server>((resolve, reject) => {
            const server = createServer();
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });
});

describe('refusedPort', () => {
  it('returns a loopback port whose connections are refused', async () => {
    const port = await refusedPort();
    expect(port).toBeGreaterThan(0);
    expect((await connectError(port))?.code).toBe('ECONNREFUSED');
  });
});
