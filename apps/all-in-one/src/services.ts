/** The services all-in-one runs, in start order: the collector first so the others find its query API. */
export const SERVICES = ['collector', 'alerter', 'synthetic-runner', 'dashboard-api'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The sample user service started after NEO's four so a newcomer sees real data at once (scraped and checked
 * by the default config). Optional: all-in-one still starts when its bundle was not built.
 */
export const DEMO_SERVICE = 'novel-engine-demo';
