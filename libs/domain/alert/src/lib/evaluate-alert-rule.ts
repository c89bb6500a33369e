import { labelsFingerprint, type Labels } from '@neo/domain-metric';
import type { ActiveAlert, AlertRule, AlertTransition, QueryResultSeries, RuleEvaluation } from './alert';
import { alertAnnotations, alertLabels } from './alert-labels';
import { DuplicateAlertLabelsError } from './duplicate-alert-labels-error';

interface Candidate {
  readonly fingerprint: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly value: number;
}

function candidates(rule: AlertRule, results: readonly QueryResultSeries[]): Map<string, Candidate> {
  const byFingerprint = new Map<string, Candidate>();
  for (const series of results) {
    const labels = alertLabels(rule, series);
    const fingerprint = labelsFingerprint(labels);
    if (byFingerprint.has(fingerprint)) {
      throw new DuplicateAlertLabelsError(labels);
    }
    byFingerprint.set(fingerprint, {
      fingerprint,
      labels,
      annotations: alertAnnotations(rule, series),
      value: series.value,
    });
  }
  return byFingerprint;
}

function advance(
  rule: AlertRule,
  candidate: Candidate,
  previous: ActiveAlert | undefined,
  nowMs: number,
): [ActiveAlert, AlertTransition | undefined] {
  if (!previous) {
    const pending: ActiveAlert = { ...candidate, state: 'pending', activeAtMs: nowMs, lastSeenMs: nowMs };
    if (rule.forMs > 0) {
      return [pending, { from: 'inactive', to: 'pending', alert: pending }];
    }
    const firing: ActiveAlert = { ...pending, state: 'firing', firedAtMs: nowMs };
    return [firing, { from: 'inactive', to: 'firing', alert: firing }];
  }
  const seen: ActiveAlert = {
    ...previous,
    annotations: candidate.annotations,
    value: candidate.value,
    lastSeenMs: nowMs,
  };
  if (seen.state === 'pending' && nowMs - seen.activeAtMs >= rule.forMs) {
    const firing: ActiveAlert = { ...seen, state: 'firing', firedAtMs: nowMs };
    return [firing, { from: 'pending', to: 'firing', alert: firing }];
  }
  return [seen, undefined];
}

/** What happens to an alert whose series is gone; `undefined` means it keeps firing as it is. */
function vanish(rule: AlertRule, previous: ActiveAlert, nowMs: number): AlertTransition | undefined {
  if (previous.state === 'pending') {
    return { from: 'pending', to: 'inactive', alert: previous };
  }
  if (nowMs - previous.lastSeenMs < rule.keepFiringForMs) {
    return undefined;
  }
  const { state: _state, ...rest } = previous;
  return { from: 'firing', to: 'resolved', alert: { ...rest, state: 'resolved', resolvedAtMs: nowMs } };
}

/**
 * One evaluation of a Prometheus alerting rule: `results` is the instant vector of `rule.expr` at
 * `nowMs`, `previous` the active alerts after the last evaluation. New series start pending (firing at
 * once when `forMs` is 0), pending ones fire after `forMs`, vanished pending ones are dropped and
 * vanished firing ones resolve once `keepFiringForMs` has passed since they were last seen.
 * Throws DuplicateAlertLabelsError, like Prometheus, when two series map to one alert.
 */
export function evaluateAlertRule(
  rule: AlertRule,
  previous: readonly ActiveAlert[],
  results: readonly QueryResultSeries[],
  nowMs: number,
): RuleEvaluation {
  const current = candidates(rule, results);
  const previousByFingerprint = new Map(previous.map((a) => [a.fingerprint, a]));
  const active: ActiveAlert[] = [];
  const transitions: AlertTransition[] = [];
  for (const candidate of current.values()) {
    const [alert, transition] = advance(
      rule,
      candidate,
      previousByFingerprint.get(candidate.fingerprint),
      nowMs,
    );
    active.push(alert);
    if (transition) {
      transitions.push(transition);
    }
  }
  for (const alert of previous) {
    if (current.has(alert.fingerprint)) {
      continue;
    }
    const transition = vanish(rule, alert, nowMs);
    if (transition) {
      transitions.push(transition);
    } else {
      active.push(alert);
    }
  }
  return { active, transitions };
}
