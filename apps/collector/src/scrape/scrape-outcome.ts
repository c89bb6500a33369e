import type { ExposedSample } from '@neo/domain-metric';

/** What one scrape produced: parsed samples, or the reason it failed (shown as the target's lastError). */
export type ScrapeOutcome =
  | { readonly ok: true; readonly samples: readonly ExposedSample[]; readonly durationMs: number }
  | { readonly ok: false; readonly error: string; readonly durationMs: number };
