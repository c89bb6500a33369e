import { formatRfc3339, GO_ZERO_TIME, type ActiveAlert } from '@neo/domain-alert';
import type { GroupStatus, RuleStatus } from '../evaluation/rule-book';
import type { LoadedRule, LoadedRuleGroup } from '../rules/loaded-rules';

/** An alert as Prometheus' `/api/v1/alerts` and `/api/v1/rules` show it. */
export interface ApiAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
  value: string;
}

export interface ApiAlertingRule {
  state: 'inactive' | 'pending' | 'firing';
  name: string;
  query: string;
  duration: number;
  keepFiringFor: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  alerts: ApiAlert[];
  health: 'unknown' | 'ok' | 'err';
  lastError?: string;
  evaluationTime: number;
  lastEvaluation: string;
  type: 'alerting';
}

export interface ApiRuleGroup {
  name: string;
  file: string;
  interval: number;
  limit: number;
  rules: ApiAlertingRule[];
  evaluationTime: number;
  lastEvaluation: string;
}

/** Go's strconv.FormatFloat(v, 'e', -1, 64), which Prometheus uses for alert values: `1e+00`, `2.5e-07`. */
export function formatAlertValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const [mantissa, exponent] = v.toExponential().split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

export function toApiAlert(alert: ActiveAlert): ApiAlert {
  return {
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    state: alert.state,
    activeAt: formatRfc3339(alert.activeAtMs),
    value: formatAlertValue(alert.value),
  };
}

function ruleState(alerts: readonly ActiveAlert[]): ApiAlertingRule['state'] {
  if (alerts.some((a) => a.state === 'firing')) return 'firing';
  return alerts.length > 0 ? 'pending' : 'inactive';
}

function time(ms: number | undefined): string {
  return ms === undefined ? GO_ZERO_TIME : formatRfc3339(ms);
}

export function toApiRule(
  rule: LoadedRule,
  alerts: readonly ActiveAlert[],
  status: RuleStatus,
): ApiAlertingRule {
  return {
    state: ruleState(alerts),
    name: rule.name,
    query: rule.expr,
    duration: rule.forMs / 1000,
    keepFiringFor: rule.keepFiringForMs / 1000,
    labels: { ...rule.labels },
    annotations: { ...rule.annotations },
    alerts: alerts.map(toApiAlert),
    health: status.health,
    ...(status.lastError ? { lastError: status.lastError } : {}),
    evaluationTime: status.evaluationSeconds,
    lastEvaluation: time(status.lastEvaluationMs),
    type: 'alerting',
  };
}

export function toApiGroup(
  group: LoadedRuleGroup,
  rules: ApiAlertingRule[],
  status: GroupStatus,
): ApiRuleGroup {
  return {
    name: group.name,
    file: group.file,
    interval: group.intervalMs / 1000,
    limit: 0,
    rules,
    evaluationTime: status.evaluationSeconds,
    lastEvaluation: time(status.lastEvaluationMs),
  };
}
