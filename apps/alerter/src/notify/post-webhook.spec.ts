import { startWebhookReceiver, type WebhookReceiver } from '@neo/testing';
import { postWebhook } from './post-webhook';

const policy = { timeoutMs: 2000, maxAttempts: 3, backoffMs: 10 };

describe('postWebhook', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(() => receiver.stop());

  it('POSTs JSON once when the receiver accepts it', async () => {
    const result = await postWebhook(receiver.url, { hello: 'world' }, policy);
    expect(result).toEqual({ ok: true, attempts: 1, status: 200 });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0].method).toBe('POST');
    expect(receiver.requests[0].headers['content-type']).toBe('application/json');
    expect(receiver.requests[0].json()).toEqual({ hello: 'world' });
  });

  it('retries server errors up to the attempt limit', async () => {
    receiver.respondWith(503);
    const result = await postWebhook(receiver.url, {}, policy);
    expect(result).toMatchObject({ ok: false, attempts: 3, status: 503 });
    expect(receiver.requests).toHaveLength(3);
  });

  it('does not retry a 4xx', async () => {
    receiver.respondWith(400);
    const result = await postWebhook(receiver.url, {}, policy);
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 400 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries network errors and reports the reason', async () => {
    const url = receiver.url;
    await receiver.stop();
    const result = await postWebhook(url, {}, policy);
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(3);
    expect(result.error).toBe('ECONNREFUSED');
  });
});
