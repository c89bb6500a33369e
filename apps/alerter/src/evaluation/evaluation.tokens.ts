/** Injection token of the loaded rule groups (`readonly LoadedRuleGroup[]`). */
export const RULE_GROUPS = Symbol.for('neo.alerter.rule-groups');
/** Injection token of the PrometheusQueryClient. */
export const QUERY_CLIENT = Symbol.for('neo.alerter.query-client');
