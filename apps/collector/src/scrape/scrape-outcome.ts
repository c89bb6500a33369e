/** How one scrape ended: fine, or the reason it failed (shown as the target's lastError). */
export type ScrapeOutcome =
  | { readonly ok: true; readonly durationMs: number }
  | { readonly ok: false; readonly error: string; readonly durationMs: number };
