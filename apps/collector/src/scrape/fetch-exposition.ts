import { ExpositionParseError, formatDuration, parseExposition } from '@neo/domain-metric';
import type { ScrapeOutcome } from './scrape-outcome';

const ACCEPT = 'text/plain;version=0.0.4;q=0.9,*/*;q=0.1';

/**
 * GETs a metrics endpoint and parses the text exposition. Never throws: every failure (connection refused,
 * timeout, non-2xx, unparsable body) becomes the outcome's error text, as Prometheus reports it per target.
 */
export async function scrapeOnce(url: string, timeoutMs: number, stop?: AbortSignal): Promise<ScrapeOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = stop ? AbortSignal.any([stop, timeout]) : timeout;
  try {
    const response = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: { accept: ACCEPT, 'x-prometheus-scrape-timeout-seconds': String(timeoutMs / 1000) },
    });
    const body = await response.text();
    if (response.status < 200 || response.status > 299) {
      return {
        ok: false,
        error: `server returned HTTP status ${response.status} ${response.statusText}`.trim(),
        durationMs: elapsed(),
      };
    }
    return { ok: true, samples: parseExposition(body), durationMs: elapsed() };
  } catch (error) {
    return { ok: false, error: describeFailure(error, timeout, timeoutMs), durationMs: elapsed() };
  }
}

function describeFailure(error: unknown, timeout: AbortSignal, timeoutMs: number): string {
  if (error instanceof ExpositionParseError) {
    return `parse error: ${error.message}`;
  }
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
