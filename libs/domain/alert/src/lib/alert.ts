import type { Labels } from '@neo/domain-metric';

/** Prometheus alert states; `inactive` alerts are not stored. */
export type AlertState = 'inactive' | 'pending' | 'firing';

/** One `alert:` rule of a Prometheus rule file, durations already in milliseconds. */
export interface AlertRule {
  readonly name: string;
  readonly expr: string;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly labels: Labels;
  readonly annotations: Labels;
}

/** A rule group: rules evaluated together every `intervalMs`. */
export interface RuleGroup {
  readonly name: string;
  readonly intervalMs: number;
  readonly rules: readonly AlertRule[];
}

/** An alert the rule currently holds, keyed by the fingerprint of its labels. */
export interface ActiveAlert {
  readonly fingerprint: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly state: 'pending' | 'firing';
  readonly activeAtMs: number;
  readonly firedAtMs?: number;
  readonly lastSeenMs: number;
  readonly value: number;
}

/** A firing alert whose condition went away; kept by callers only to notify the resolution. */
export interface ResolvedAlert extends Omit<ActiveAlert, 'state'> {
  readonly state: 'resolved';
  readonly resolvedAtMs: number;
}

/** One series of the rule expression's instant-vector result. */
export interface QueryResultSeries {
  readonly labels: Labels;
  readonly value: number;
}

/** A state change produced by one evaluation. */
export interface AlertTransition {
  readonly from: AlertState;
  readonly to: AlertState | 'resolved';
  readonly alert: ActiveAlert | ResolvedAlert;
}

/** The rule's alerts after an evaluation, and what changed to get there. */
export interface RuleEvaluation {
  readonly active: ActiveAlert[];
  readonly transitions: AlertTransition[];
}
