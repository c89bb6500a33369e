// Helpers for this app's specs only (libs/testing was still empty when this slice was written).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A channel prefix no other test run uses, so runs can share one Redis. */
export function uniquePrefix(label = 'collector-test'): string {
  return `${label}-${randomUUID()}:`;
}

/** Polls `probe` until it returns a value other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type FakeTargetMode = 'metrics' | 'garbage' | 'error' | 'hang';

/**
 * A real /metrics endpoint on 127.0.0.1 whose gauge value and behaviour a test flips: it serves a valid
 * exposition, unparsable text, HTTP 500, or no answer at all. `close()` stops it so scrapes are refused.
 */
export interface FakeTarget {
  readonly address: string;
  value: number;
  mode: FakeTargetMode;
  close(): Promise<void>;
}

export async function startFakeTarget(metric = 'fake_gauge', labels = 'kind="test"'): Promise<FakeTarget> {
  const state = { value: 1, mode: 'metrics' as FakeTargetMode };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end('not found');
    } else if (state.mode === 'hang') {
      return;
    } else if (state.mode === 'error') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    } else if (state.mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not metrics</body></html>\n');
    } else {
      res
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(
          `# HELP ${metric} A gauge the test flips.\n# TYPE ${metric} gauge\n${metric}{${labels}} ${state.value}\n`,
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    get value() {
      return state.value;
    },
    set value(v: number) {
      state.value = v;
    },
    get mode() {
      return state.mode;
    },
    set mode(m: FakeTargetMode) {
      state.mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
