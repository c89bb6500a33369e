/** Injection token of the resolved `ScrapeJob[]`. */
export const SCRAPE_JOBS = Symbol.for('neo.collector.scrape-jobs');
