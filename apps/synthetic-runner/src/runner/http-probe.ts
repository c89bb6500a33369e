import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { ProbeObservation } from '../checks/evaluate-response';
import type { HttpCheck } from '../checks/http-check';
import { ProbeAborted } from './probe-aborted';

/** Performs one HTTP request for a check; never throws, a failure is part of the observation. */
export interface Probe {
  probe(check: HttpCheck, signal: AbortSignal): Promise<ProbeObservation>;
  close(): Promise<void>;
}

/**
 * HTTP probe on undici. Each run opens a fresh connection (as blackbox_exporter does) so the measured latency
 * includes connecting, and reads the whole body so a stalled transfer counts against the timeout.
 */
export class HttpProbe implements Probe {
  private readonly agent = new Agent({ pipelining: 0 });

  async probe(check: HttpCheck, signal: AbortSignal): Promise<ProbeObservation> {
    const started = performance.now();
    try {
      const response = await request(check.url, {
        method: check.method,
        headers: { 'user-agent': 'neo-synthetic-runner', ...check.headers },
        ...(check.body !== undefined ? { body: check.body } : {}),
        signal,
        dispatcher: this.agent,
        reset: true,
      });
      for await (const chunk of response.body) void chunk;
      return { statusCode: response.statusCode, durationMs: performance.now() - started };
    } catch (error) {
      return { failure: describeFailure(error, signal), durationMs: performance.now() - started };
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

function describeFailure(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof ProbeAborted) {
    return signal.reason.message;
  }
  // fetch-style errors hide the socket error ("fetch failed") in `cause`.
  const cause = errorLike(error)?.cause;
  const described = errorLike(cause) ?? errorLike(error);
  return described ? described.message || described.name || 'request failed' : String(error);
}

// Duck-typed rather than `instanceof Error`: errors from Node's internals may come from another realm.
function errorLike(value: unknown): { message: string; name?: string; cause?: unknown } | undefined {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  ) {
    return value as { message: string; name?: string; cause?: unknown };
  }
  return undefined;
}
