/** Injection token of the app's validated config inside the runner feature. */
export const RUNNER_CONFIG = Symbol.for('neo.synthetic-runner.config');
