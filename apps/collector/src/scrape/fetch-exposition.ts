import { formatDuration } from '@neo/domain-metric';
import { formatOf, SCRAPE_ACCEPT, type ExpositionFormat } from './parser/exposition-format';

export type FetchResult =
  | {
      readonly ok: true;
      readonly body: string;
      readonly format: ExpositionFormat;
      readonly durationMs: number;
    }
  | { readonly ok: false; readonly error: string; readonly durationMs: number };

export interface FetchOptions {
  readonly timeoutMs: number;
  /** Authorization header value, if the job has auth. */
  readonly authorization?: () => string;
  readonly stop?: AbortSignal;
}

/**
 * GETs a metrics endpoint with Prometheus' Accept header and timeout header. Never throws: every failure
 * (connection refused, timeout, non-2xx, unreadable secret) becomes the error text, as Prometheus reports
 * it per target.
 */
export async function fetchExposition(url: string, options: FetchOptions): Promise<FetchResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.stop ? AbortSignal.any([options.stop, timeout]) : timeout;
  try {
    const headers: Record<string, string> = {
      accept: SCRAPE_ACCEPT,
      'x-prometheus-scrape-timeout-seconds': String(options.timeoutMs / 1000),
    };
    if (options.authorization) headers['authorization'] = options.authorization();
    const response = await fetch(url, { signal, redirect: 'follow', headers });
    const body = await response.text();
    if (response.status < 200 || response.status > 299) {
      return {
        ok: false,
        error: `server returned HTTP status ${response.status} ${response.statusText}`.trim(),
        durationMs: elapsed(),
      };
    }
    return { ok: true, body, format: formatOf(response.headers.get('content-type')), durationMs: elapsed() };
  } catch (error) {
    return { ok: false, error: describeFailure(error, timeout, options.timeoutMs), durationMs: elapsed() };
  }
}

function describeFailure(error: unknown, timeout: AbortSignal, timeoutMs: number): string {
  if (timeout.aborted) {
    return `scrape timed out after ${formatDuration(Math.round(timeoutMs))}`;
  }
  if (error instanceof Error) {
    // fetch hides the socket error (ECONNREFUSED...) in `cause`; that is the part a person can act on.
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
