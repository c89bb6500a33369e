import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

describe('startWebhookReceiver', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await startWebhookReceiver({ path: '/hooks/neo' });
  });

  afterEach(() => receiver.stop());

  it('listens on loopback with the given path in its url', () => {
    expect(receiver.url).toBe(`http://127.0.0.1:${receiver.port}/hooks/neo`);
  });

  it('records method, path, headers and body, and answers 200', async () => {
    const before = Date.now();
    const res = await post(`${receiver.url}?x=1`, '{"status":"firing"}', { 'x-test': 'yes' });
    expect(res.status).toBe(200);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/neo?x=1');
    expect(request.headers['x-test']).toBe('yes');
    expect(request.body).toBe('{"status":"firing"}');
    expect(request.json<{ status: string }>().status).toBe('firing');
    expect(request.receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('records requests to any path and method', async () => {
    await fetch(`http://127.0.0.1:${receiver.port}/elsewhere`);
    expect(receiver.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/elsewhere']]);
  });

  it('answers with the status set by the test', async () => {
    receiver.respondWith(500);
    expect((await post(receiver.url, '{}')).status).toBe(500);
    receiver.respondWith(204);
    expect((await post(receiver.url, '{}')).status).toBe(204);
    expect(receiver.requests).toHaveLength(2);
  });

  it('waits for a future matching request', async () => {
    const waiting = receiver.waitForRequest((r) => r.json<{ n: number }>().n === 2, 2000);
    await post(receiver.url, '{"n":1}');
    setTimeout(() => void post(receiver.url, '{"n":2}'), 50);
    expect((await waiting).json()).toEqual({ n: 2 });
  });

  it('finds an already received request and skips ones the predicate chokes on', async () => {
    await post(receiver.url, 'not json');
    await post(receiver.url, '{"ok":true}');
    const found = await receiver.waitForRequest((r) => r.json<{ ok: boolean }>().ok, 500);
    expect(found.body).toBe('{"ok":true}');
  });

  it('times out naming the receiver and the last predicate error', async () => {
    await post(receiver.url, 'not json');
    await expect(receiver.waitForRequest((r) => r.json<{ ok: boolean }>().ok, 100)).rejects.toThrow(
      /timed out after 100ms waiting for a request to http:\/\/127\.0\.0\.1:\d+\/hooks\/neo matching the predicate \(last error: .*JSON/,
    );
  });

  it('stops listening', async () => {
    await receiver.stop();
    await expect(post(receiver.url, '{}')).rejects.toThrow();
  });
});
