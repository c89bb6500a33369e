import type { ActiveAlert } from '@neo/domain-alert';

/** What the last evaluation of one rule said, for /api/v1/rules. */
export interface RuleStatus {
  readonly health: 'unknown' | 'ok' | 'err';
  readonly lastError: string;
  readonly lastEvaluationMs?: number;
  readonly evaluationSeconds: number;
}

export interface GroupStatus {
  readonly lastEvaluationMs?: number;
  readonly evaluationSeconds: number;
}

const UNKNOWN: RuleStatus = { health: 'unknown', lastError: '', evaluationSeconds: 0 };

/**
 * The alerter's current view: active alerts and evaluation health per rule. Filled from the state store at
 * start-up and after every evaluation; the HTTP API and the ALERTS series read it.
 */
export class RuleBook {
  private readonly alerts = new Map<string, readonly ActiveAlert[]>();
  private readonly rules = new Map<string, RuleStatus>();
  private readonly groups = new Map<string, GroupStatus>();

  setAlerts(group: string, rule: string, alerts: readonly ActiveAlert[]): void {
    this.alerts.set(key(group, rule), alerts);
  }

  alertsOf(group: string, rule: string): readonly ActiveAlert[] {
    return this.alerts.get(key(group, rule)) ?? [];
  }

  *allAlerts(): Iterable<ActiveAlert> {
    for (const alerts of this.alerts.values()) yield* alerts;
  }

  setRuleStatus(group: string, rule: string, status: RuleStatus): void {
    this.rules.set(key(group, rule), status);
  }

  ruleStatus(group: string, rule: string): RuleStatus {
    return this.rules.get(key(group, rule)) ?? UNKNOWN;
  }

  setGroupStatus(group: string, status: GroupStatus): void {
    this.groups.set(group, status);
  }

  groupStatus(group: string): GroupStatus {
    return this.groups.get(group) ?? { evaluationSeconds: 0 };
  }
}

function key(group: string, rule: string): string {
  return JSON.stringify([group, rule]);
}
