import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { scrubString } from '../logging/redaction';

/** Attributes that carry a whole URL, query string included, as the instrumentations record them. */
const URL_ATTRIBUTES = ['url.full', 'http.url', 'url.query'] as const;

/**
 * Scrubs URLs on spans as the logs scrub them (secret query parameters, e-mail addresses, card numbers)
 * before any exporter sees the span. The library's server span keeps the query string out, but Nest's
 * request span and outgoing HTTP client spans record the full URL.
 */
export class ScrubbingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string') {
        const scrubbed = scrubString(value);
        if (scrubbed !== value) span.setAttribute(key, scrubbed);
      }
    }
  }

  onEnd(_span: ReadableSpan): void {
    // Nothing left to do: the instrumentations set URL attributes when their spans start.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
