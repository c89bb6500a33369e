/** The two exposition formats a target may answer in. */
export type ExpositionFormat = 'text' | 'openmetrics';

/**
 * Prometheus 2.42's Accept header: OpenMetrics preferred, text 0.0.4 next, anything as a last resort, so a
 * target that speaks both answers in OpenMetrics and an old one still answers.
 */
export const SCRAPE_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,' +
  'text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** The parser a response needs, from its Content-Type (as Prometheus: anything not OpenMetrics is text). */
export function formatOf(contentType: string | null): ExpositionFormat {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mediaType === 'application/openmetrics-text' ? 'openmetrics' : 'text';
}
