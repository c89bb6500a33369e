import { request } from 'node:http';

/** A GET answer, body read as UTF-8 text. */
export interface HttpGetResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Options for httpGet; the timeout (default 3 s) bounds the whole exchange. */
export interface HttpGetOptions {
  readonly timeoutMs?: number;
}

/**
 * A plain node:http GET, so specs exercise a server the way any client would. No keep-alive, so
 * stopping the server never waits on an idle socket of ours.
 */
export function httpGet(url: string, opts: HttpGetOptions = {}): Promise<HttpGetResult> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: { ...res.headers }, body }));
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error(`GET ${url}: connection closed before the body ended`));
      });
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs}ms`)),
      timeoutMs,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end();
  });
}

/** GET and parse JSON; anything but 200 throws with the status and the start of the body. */
export async function getJson<T>(url: string, opts: HttpGetOptions = {}): Promise<T> {
  const answer = await httpGet(url, opts);
  if (answer.status !== 200) {
    throw new Error(`GET ${url} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  return JSON.parse(answer.body) as T;
}

/** True when GET answers 200; connection errors and timeouts count as false ("not yet"). */
export async function answers200(url: string, opts: HttpGetOptions = {}): Promise<boolean> {
  try {
    return (await httpGet(url, opts)).status === 200;
  } catch {
    return false;
  }
}
