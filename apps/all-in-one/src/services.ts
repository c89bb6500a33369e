/** The services all-in-one runs, in start order: the collector first so the others find its query API. */
export const SERVICES = ['collector', 'alerter', 'synthetic-runner', 'dashboard-api'] as const;
export type ServiceName = (typeof SERVICES)[number];
