import type { ServerResponse } from 'node:http';
import { refusedPort } from './free-port';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import { SseClient } from './sse-client';
import { waitFor } from './wait-for';

describe('SseClient on a loopback text/event-stream', () => {
  let server: LoopbackServer;
  let streams: ServerResponse[];
  const clients: SseClient[] = [];

  function open(path = '/events'): SseClient {
    const client = new SseClient(server.url + path);
    clients.push(client);
    return client;
  }

  beforeEach(async () => {
    streams = [];
    server = await startLoopbackServer((request, res) => {
      if (request.path === '/bogus') {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"parameter":"channels"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      if (request.path !== '/silent') {
        res.write('retry: 1000\n\n: connected\n\n');
      }
      streams.push(res);
    });
  });

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.close());
    await server.stop();
  });

  it('asks for an event stream and resolves connected() after the first block', async () => {
    const client = open();
    await client.connected();
    expect(client.status).toBe(200);
    expect(client.contentType).toMatch(/^text\/event-stream/);
    expect(server.requests[0].headers['accept']).toBe('text/event-stream');
    expect(client.comments).toEqual(['connected']);
    expect(client.messages).toEqual([]);
  });

  it('does not resolve connected() before a block is complete', async () => {
    const client = open('/silent');
    let connected = false;
    void client.connected().then(() => (connected = true));
    await waitFor(() => streams.length === 1, { description: 'the stream to open' });
    streams[0].write('data: half');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connected).toBe(false);
    streams[0].write('\n\n');
    await client.connected();
    expect(client.messages).toEqual([{ event: 'message', data: 'half' }]);
  });

  it('keeps every event as it arrives, with type, id and data', async () => {
    const client = open();
    await client.connected();
    streams[0].write('event: neo.check.result.v1\nid: e1\ndata: {"ok":true}\n\n');
    streams[0].write('event: neo.alert.state.v1\nid: e2\ndata: {"st');
    streams[0].write('ate":"firing"}\n\n: keep-alive\n\n');
    await waitFor(() => client.comments.includes('keep-alive'), { description: 'the keep-alive' });
    expect(client.messages).toEqual([
      { event: 'neo.check.result.v1', id: 'e1', data: '{"ok":true}' },
      { event: 'neo.alert.state.v1', id: 'e2', data: '{"state":"firing"}' },
    ]);
    expect(client.ended).toBe(false);
  });

  it('marks the stream ended when the server ends it', async () => {
    const client = open();
    await client.connected();
    streams[0].end();
    await waitFor(() => client.ended, { description: 'the stream to end' });
  });

  it('rejects connected() on a non-200 answer, keeping the status', async () => {
    const client = open('/bogus');
    await expect(client.connected()).rejects.toThrow(`SSE ${server.url}/bogus answered 400`);
    expect(client.status).toBe(400);
  });

  it('rejects connected() when nothing listens, and never leaves an unhandled rejection', async () => {
    const url = `http://127.0.0.1:${await refusedPort()}/events`;
    const unawaited = new SseClient(url);
    const client = new SseClient(url);
    await expect(client.connected()).rejects.toThrow(/ECONNREFUSED/);
    await waitFor(() => unawaited.ended, { description: 'the unawaited client to fail' });
  });

  it('close() drops the connection on both sides', async () => {
    const client = open();
    await client.connected();
    const closed = new Promise((resolve) => streams[0].once('close', resolve));
    client.close();
    await closed;
    expect(client.ended).toBe(true);
  });
});
