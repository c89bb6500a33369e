import { startLoopbackServer, type LoopbackServer } from './loopback-server';

describe('startLoopbackServer', () => {
  const servers: LoopbackServer[] = [];

  async function start(...args: Parameters<typeof startLoopbackServer>): Promise<LoopbackServer> {
    const server = await startLoopbackServer(...args);
    servers.push(server);
    return server;
  }

  afterEach(() => Promise.all(servers.splice(0).map((server) => server.stop())));

  it('listens on 127.0.0.1 and answers with the handler', async () => {
    const server = await start((request, res) => res.writeHead(201).end(`got ${request.path}`));
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await fetch(`${server.url}/a?b=1`);
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('got /a?b=1');
  });

  it('records method, path, headers and the whole body before calling the handler', async () => {
    const seen: string[] = [];
    const server = await start((request, res) => {
      seen.push(request.body);
      res.end();
    });
    const before = Date.now();
    await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"user":"probe"}',
    });
    expect(seen).toEqual(['{"user":"probe"}']);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/login', body: '{"user":"probe"}' });
    expect(server.requests[0].headers).toMatchObject({ authorization: 'Bearer t' });
    expect(server.requests[0].json()).toEqual({ user: 'probe' });
    expect(server.requests[0].receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('answers 500 with the message when the handler throws', async () => {
    const server = await start(() => {
      throw new Error('broken handler');
    });
    const res = await fetch(server.url);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('broken handler');
  });

  it('can leave a request hanging and still stops promptly', async () => {
    const server = await start(() => undefined);
    const hung = fetch(server.url).then(
      () => 'answered',
      () => 'dropped',
    );
    await server.waitForRequest((r) => r.path === '/', 2000);
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hung).toBe('dropped');
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it('waits for a matching request and names the server on timeout', async () => {
    const server = await start((_request, res) => res.end());
    setTimeout(() => void fetch(`${server.url}/later`), 30);
    expect((await server.waitForRequest((r) => r.path === '/later', 2000)).method).toBe('GET');
    await expect(server.waitForRequest((r) => r.path === '/never', 50)).rejects.toThrow(
      `timed out after 50ms waiting for a request to ${server.url} matching the predicate`,
    );
  });

  it('uses the requested port', async () => {
    const first = await start((_request, res) => res.end());
    const port = first.port;
    await first.stop();
    const second = await start((_request, res) => res.end('again'), { port });
    expect(second.port).toBe(port);
    expect(await (await fetch(second.url)).text()).toBe('again');
  });
});
