/** Settings of the demo, from the environment (it stands in for a user's service, so no NEO config file). */
export interface DemoConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  /** Background load loop: generates stories and a few bad requests so dashboards have data. */
  readonly loadLoop: boolean;
  readonly loadIntervalMs: number;
  /** Set: security events also go to Redis for NEO's alerter. Unset: logged and counted only. */
  readonly redisUrl: string;
  readonly channelPrefix: string;
  /** Share of story generations that fail (the engine is flaky on purpose). */
  readonly failureRate: number;
  readonly drainMs: number;
}

export function loadDemoConfig(env: Readonly<Record<string, string | undefined>> = process.env): DemoConfig {
  const port = Number(env['NEO_DEMO_PORT'] ?? 9183);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`NEO_DEMO_PORT must be a port number, got '${env['NEO_DEMO_PORT']}'`);
  }
  const failureRate = Number(env['NEO_DEMO_FAILURE_RATE'] ?? 0.08);
  if (!(failureRate >= 0 && failureRate <= 1)) {
    throw new Error(`NEO_DEMO_FAILURE_RATE must be between 0 and 1, got '${env['NEO_DEMO_FAILURE_RATE']}'`);
  }
  return {
    port,
    host: env['NEO_DEMO_HOST'] ?? '127.0.0.1',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    loadLoop: env['NEO_DEMO_LOAD'] === '1' || env['NEO_DEMO_LOAD'] === 'true',
    loadIntervalMs: Number(env['NEO_DEMO_LOAD_INTERVAL_MS'] ?? 1500),
    redisUrl: env['REDIS_URL'] ?? '',
    channelPrefix: env['NEO_CHANNEL_PREFIX'] ?? '',
    failureRate,
    drainMs: Number(env['NEO_SHUTDOWN_DRAIN_MS'] ?? 1000),
  };
}
