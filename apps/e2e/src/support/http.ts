import { request } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** GET over loopback without keep-alive, so stopping a service never waits on our idle sockets. */
export function httpGet(url: string, timeoutMs = 3000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export async function getJson<T>(url: string): Promise<T> {
  const answer = await httpGet(url);
  if (answer.status !== 200) {
    throw new Error(`GET ${url} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  return JSON.parse(answer.body) as T;
}

/** True once GET answers 200; connection errors count as "not yet". */
export async function answers200(url: string): Promise<boolean> {
  try {
    return (await httpGet(url)).status === 200;
  } catch {
    return false;
  }
}
