/** Injection token of the resolved `ScrapeTarget[]`. */
export const SCRAPE_TARGETS = Symbol.for('neo.collector.scrape-targets');
