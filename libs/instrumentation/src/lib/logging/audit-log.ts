import type { CategoryLog } from './category-logger';
import type { LogFields } from './log-category';

/** Who did what to which object, and how it ended. */
export interface AuditEntry {
  /** The acting user or system (id, not a name or e-mail: the line must not carry PII). */
  readonly actor: string;
  /** Verb, e.g. `story.delete`, `role.grant`. */
  readonly action: string;
  /** The object acted on, e.g. `{ type: 'story', id: 'st_42' }`. */
  readonly target: { readonly type: string; readonly id: string };
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly reason?: string;
  readonly details?: LogFields;
}

/** Writes audit lines (`category: audit`) with a fixed shape so they can be queried and retained apart. */
export class AuditLog {
  constructor(private readonly log: CategoryLog) {}

  record(entry: AuditEntry): void {
    const line = {
      audit: {
        actor: entry.actor,
        action: entry.action,
        target_type: entry.target.type,
        target_id: entry.target.id,
        outcome: entry.outcome,
        ...(entry.reason ? { reason: entry.reason } : {}),
      },
      ...(entry.details ? { details: entry.details } : {}),
    };
    if (entry.outcome === 'success') this.log.info(`${entry.actor} ${entry.action}`, line);
    else this.log.warn(`${entry.actor} ${entry.action} ${entry.outcome}`, line);
  }
}
