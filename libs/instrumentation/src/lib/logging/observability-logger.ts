import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditLog } from './audit-log';
import { categoryLog, type CategoryLog } from './category-logger';
import type { LogFields } from './log-category';

/** Injection token of the service's root pino logger. */
export const ROOT_LOGGER = Symbol.for('neo.instrumentation.root-logger');

/** Fields of a security line; `kind` names the event so alert rules can match it. */
export interface SecurityLogFields extends LogFields {
  readonly kind: string;
  readonly route?: string;
  readonly client?: string;
}

/**
 * The typed logger: one API per category. Security, performance and business lines have the fields their
 * consumers query on; audit lines go through the audit helper.
 */
@Injectable()
export class ObservabilityLogger {
  readonly application: CategoryLog;
  readonly audit: AuditLog;
  private readonly securityLog: CategoryLog;
  private readonly performanceLog: CategoryLog;
  private readonly businessLog: CategoryLog;

  constructor(@Inject(ROOT_LOGGER) root: Logger) {
    this.application = categoryLog(root, 'application');
    this.securityLog = categoryLog(root, 'security');
    this.performanceLog = categoryLog(root, 'performance');
    this.businessLog = categoryLog(root, 'business');
    this.audit = new AuditLog(categoryLog(root, 'audit'));
  }

  readonly security = {
    event: (msg: string, fields: SecurityLogFields): void => this.securityLog.warn(msg, fields),
    info: (msg: string, fields?: LogFields): void => this.securityLog.info(msg, fields),
  };

  readonly performance = {
    /** A timed operation; slow ones are better found by metrics, this keeps the individual cases. */
    timing: (operation: string, durationMs: number, fields?: LogFields): void =>
      this.performanceLog.info(`${operation} took ${Math.round(durationMs)} ms`, {
        operation,
        duration_ms: durationMs,
        ...fields,
      }),
    warn: (msg: string, fields?: LogFields): void => this.performanceLog.warn(msg, fields),
  };

  readonly business = {
    /** A domain event (`story.generated`, `checkout.completed`) with its business fields. */
    event: (name: string, fields?: LogFields): void =>
      this.businessLog.info(name, { event: name, ...fields }),
  };
}
