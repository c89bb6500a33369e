import { refusedPort } from './free-port';
import { answers200, getJson, httpGet } from './http-get';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

describe('httpGet, getJson and answers200 on loopback', () => {
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startLoopbackServer((request, res) => {
      if (request.path === '/json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"n":2}');
      } else if (request.path === '/missing') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing here');
      } else if (request.path === '/slow') {
        setTimeout(() => res.end('late'), 500);
      } else if (request.path === '/cut') {
        res.writeHead(200, { 'content-length': '100' }).write('partial');
        setTimeout(() => res.destroy(), 20);
      } else {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-test': 'yes' }).end('héllo');
      }
    });
  });

  afterAll(() => server.stop());

  it('returns status, headers and the body as text', async () => {
    const res = await httpGet(`${server.url}/text`);
    expect(res).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'x-test': 'yes' }),
      body: 'héllo',
    });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/text' });
  });

  it('does not keep the connection alive', async () => {
    await httpGet(`${server.url}/text`);
    expect(server.requests.at(-1)?.headers['connection']).toBe('close');
  });

  it('returns non-2xx answers instead of throwing', async () => {
    expect(await httpGet(`${server.url}/missing`)).toMatchObject({ status: 404, body: 'no such thing here' });
  });

  it('rejects on a refused connection, a timeout and a cut body', async () => {
    const port = await refusedPort();
    await expect(httpGet(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
    await expect(httpGet(`${server.url}/slow`, { timeoutMs: 100 })).rejects.toThrow(
      `GET ${server.url}/slow timed out after 100ms`,
    );
    await expect(httpGet(`${server.url}/cut`)).rejects.toThrow();
  });

  it('getJson parses a 200 and throws with status and body otherwise', async () => {
    expect(await getJson<{ ok: boolean; n: number }>(`${server.url}/json`)).toEqual({ ok: true, n: 2 });
    await expect(getJson(`${server.url}/missing`)).rejects.toThrow(
      `GET ${server.url}/missing answered 404: no such thing here`,
    );
  });

  it('answers200 is true only for a 200 and false for errors', async () => {
    expect(await answers200(`${server.url}/text`)).toBe(true);
    expect(await answers200(`${server.url}/missing`)).toBe(false);
    expect(await answers200(`http://127.0.0.1:${await refusedPort()}/`)).toBe(false);
  });
});
