import type { Logger } from 'pino';
import type { LogCategory, LogFields } from './log-category';

/** One category's leveled methods; every line gets `category` so queries can split streams by concern. */
export interface CategoryLog {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields & { readonly err?: unknown }): void;
}

export function categoryLog(root: Logger, category: LogCategory): CategoryLog {
  // A child per category binds the field once instead of merging it into every call.
  const logger = root.child({ category });
  return {
    debug: (msg, fields) => logger.debug(fields ?? {}, msg),
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, fields) => logger.error(fields ?? {}, msg),
  };
}
