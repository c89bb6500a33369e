export interface RetryPolicy {
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  /** First retry delay; doubles on each retry. */
  readonly backoffMs: number;
}

export interface DeliveryResult {
  readonly ok: boolean;
  readonly attempts: number;
  readonly status?: number;
  readonly error?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a JSON body, retrying server errors (5xx) and network errors with exponential backoff. A 4xx means
 * the receiver rejects this message and will keep doing so, so it is not retried.
 */
export async function postWebhook(url: string, body: unknown, policy: RetryPolicy): Promise<DeliveryResult> {
  const json = JSON.stringify(body);
  let last: DeliveryResult = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(policy.backoffMs * 2 ** (attempt - 2));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'neo-alerter' },
        body: json,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      // Drain the body so the connection is reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = { ok: false, attempts: attempt, status: response.status, error: `HTTP ${response.status}` };
      if (response.status < 500) return last;
    } catch (error) {
      const err = error as Error & { cause?: { code?: string } };
      const reason =
        err.name === 'TimeoutError'
          ? `no answer within ${policy.timeoutMs} ms`
          : (err.cause?.code ?? err.message);
      last = { ok: false, attempts: attempt, error: reason };
    }
  }
  return last;
}
