import pino, { type Logger } from 'pino';
import { traceMixin } from './trace-mixin';
import { PRE_SCRUBBED, scrubValue } from './redaction';
import { sharedStdout } from './stdout-destination';
import type { LogShipper } from './shipping/log-shipper';
import { shippingStream } from './shipping/shipping-stream';

export interface RootLoggerOptions {
  readonly serviceName: string;
  readonly level: string;
  /** Extra pino redact paths (e.g. `body.customer.address`), censored in addition to the built-in rules. */
  readonly redactPaths?: readonly string[];
  /** Where lines go (tests pass a collecting stream); default: buffered asynchronous stdout. */
  readonly destination?: pino.DestinationStream;
  /** Remote shippers (Loki, Elasticsearch): fed asynchronously, never on the request path. */
  readonly shippers?: readonly LogShipper[];
}

const BUILT_IN_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * The service's pino logger: JSON lines with `service`, the active trace ids, and secrets removed before
 * serialisation (key names and value patterns in every argument, plus configured paths).
 */
export function createRootLogger(options: RootLoggerOptions): Logger {
  const primary = options.destination ?? sharedStdout();
  const shippers = options.shippers ?? [];
  const destination =
    shippers.length === 0
      ? primary
      : pino.multistream([
          { stream: primary, level: 'trace' },
          ...shippers.map((shipper) => ({ stream: shippingStream(shipper), level: 'trace' as const })),
        ]);
  return pino(
    {
      level: options.level,
      base: { service: options.serviceName, pid: process.pid },
      messageKey: 'msg',
      mixin: traceMixin,
      redact: { paths: [...BUILT_IN_REDACT_PATHS, ...(options.redactPaths ?? [])], censor: '[redacted]' },
      hooks: {
        // Every argument is scrubbed before pino merges it: messages, merged objects and interpolations.
        logMethod(args, method) {
          // The access line is built from scrubbed parts on the request path; copying it again is waste.
          const first = args[0] as unknown;
          if (typeof first === 'object' && first !== null && PRE_SCRUBBED in first) {
            method.apply(this, args);
            return;
          }
          for (let i = 0; i < args.length; i++) {
            (args as unknown[])[i] = scrubValue(args[i]);
          }
          method.apply(this, args);
        },
      },
    },
    destination,
  );
}
