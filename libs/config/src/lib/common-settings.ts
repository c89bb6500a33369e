import { z } from 'zod';
import { parseBooleanText, setting } from './setting';

const port = z.coerce.number().int().min(0).max(65535);

/**
 * Settings every NEO app has. `prefix` is the app's env prefix (e.g. `NEO_COLLECTOR`) so that the four apps
 * can run in one process without their ports colliding.
 */
export function commonSettings(prefix: string, defaultPort: number) {
  return {
    port: setting({
      env: `${prefix}_PORT`,
      fileKey: 'server.port',
      description: 'HTTP port for the API, /metrics and /health.',
      default: defaultPort,
      schema: port,
    }),
    host: setting({
      env: `${prefix}_HOST`,
      fileKey: 'server.host',
      description: 'Address to listen on.',
      default: '0.0.0.0',
      schema: z.string().min(1),
    }),
    redisUrl: setting({
      env: 'REDIS_URL',
      description:
        'Redis URL for events and state. Standalone apps need it; all-in-one uses an in-process bus when it is unset.',
      default: '',
      schema: z
        .string()
        .refine((v) => v === '' || /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://'),
      secret: true,
    }),
    keyPrefix: setting({
      env: 'NEO_KEY_PREFIX',
      description: 'Prefix for every Redis key and channel NEO uses, so several stacks can share one Redis.',
      default: 'neo:',
      schema: z.string(),
    }),
    channelPrefix: setting({
      env: 'NEO_CHANNEL_PREFIX',
      description:
        'Prefix for every event channel on Redis, so several stacks or test runs can share one Redis.',
      default: '',
      schema: z.string(),
    }),
    logLevel: setting({
      env: 'NEO_LOG_LEVEL',
      fileKey: 'log.level',
      description: 'pino log level: trace, debug, info, warn, error, fatal or silent.',
      default: 'info',
      schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    }),
    shutdownDrainMs: setting({
      env: 'NEO_SHUTDOWN_DRAIN_MS',
      description:
        'On SIGTERM, how long readiness reports 503 before the server closes, so load balancers notice.',
      default: 1000,
      schema: z.coerce.number().int().min(0).max(120_000),
    }),
    heartbeatIntervalMs: setting({
      env: 'NEO_HEARTBEAT_INTERVAL_MS',
      description: 'How often the app announces itself and its health on the event bus.',
      default: 5000,
      schema: z.coerce.number().int().min(100),
    }),
    publicUrl: setting({
      env: `${prefix}_PUBLIC_URL`,
      description: 'URL other services and links use to reach this app; defaults to http://127.0.0.1:<port>.',
      default: '',
      schema: z.string(),
    }),
    tracingEnabled: setting({
      env: 'NEO_TRACING_ENABLED',
      description:
        'Start OpenTelemetry tracing. Spans are exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set.',
      default: true,
      schema: z.preprocess(parseBooleanText, z.boolean()),
    }),
  };
}
