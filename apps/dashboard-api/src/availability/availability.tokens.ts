/** Injection token of the key prefix the availability and checks features write under. */
export const CHECKS_KEY_PREFIX = Symbol.for('neo.dashboard-api.checks-key-prefix');
