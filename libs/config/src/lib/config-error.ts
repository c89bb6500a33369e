/** A configuration problem precise enough to fix without reading code: where (file:line or env) and which key. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly key: string,
    readonly reason: string,
  ) {
    super(`config error in ${source}: key '${key}': ${reason}`);
    this.name = 'ConfigError';
  }
}
