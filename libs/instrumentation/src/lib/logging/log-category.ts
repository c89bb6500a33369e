/** The `category` field of every line written through the library's logger. */
export const LOG_CATEGORIES = ['application', 'security', 'performance', 'business', 'audit'] as const;
export type LogCategory = (typeof LOG_CATEGORIES)[number];

/** Structured fields of a log line; values are scrubbed of secrets before they are written. */
export type LogFields = Readonly<Record<string, unknown>>;
