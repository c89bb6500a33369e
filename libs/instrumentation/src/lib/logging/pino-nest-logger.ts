import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from './observability-logger';

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's logger on this service's own root pino logger. nestjs-pino's Logger goes through a static root
 * that the last module to start overwrites: in all-in-one, every service's Nest lines would carry the last
 * service's name. Bound by injection instead, each service logs as itself.
 */
@Injectable()
export class PinoNestLogger implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  // Nest passes the context (class name) last; error() may pass a stack before it.
  private write(level: Level, message: unknown, params: unknown[]): void {
    const context =
      typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const stack =
      level === 'error' && typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined;
    const fields: Record<string, unknown> = { category: 'application', ...(context ? { context } : {}) };
    if (stack) fields['stack'] = stack;
    if (message instanceof Error) {
      this.root[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...rest } = message as Record<string, unknown>;
      this.root[level]({ ...fields, ...rest }, typeof msg === 'string' ? msg : '');
    } else {
      this.root[level](fields, String(message));
    }
  }
}
