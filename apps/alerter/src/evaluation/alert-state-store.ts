import type { ActiveAlert } from '@neo/domain-alert';

/** Where a rule's active (pending and firing) alerts live between evaluations. */
export interface AlertStateStore {
  load(group: string, rule: string): Promise<ActiveAlert[]>;
  /** Replaces the rule's alerts with `alerts` (an empty list clears them). */
  save(group: string, rule: string, alerts: readonly ActiveAlert[]): Promise<void>;
}

/** Injection token of the AlertStateStore. */
export const ALERT_STATE_STORE = Symbol.for('neo.alerter.alert-state-store');

/** All-in-one without Redis: state lives as long as the process. */
export class InMemoryAlertStateStore implements AlertStateStore {
  private readonly rules = new Map<string, ActiveAlert[]>();

  async load(group: string, rule: string): Promise<ActiveAlert[]> {
    return [...(this.rules.get(key(group, rule)) ?? [])];
  }

  async save(group: string, rule: string, alerts: readonly ActiveAlert[]): Promise<void> {
    this.rules.set(key(group, rule), [...alerts]);
  }
}

function key(group: string, rule: string): string {
  return JSON.stringify([group, rule]);
}
