import type { AlertRule, RuleGroup } from '@neo/domain-alert';
import type { RuleQuery } from './rule-query';

/** An alerting rule ready to evaluate: the domain rule plus its parsed query. */
export interface LoadedRule extends AlertRule {
  readonly query: RuleQuery;
}

/** A rule group with the file it came from (shown by /api/v1/rules). */
export interface LoadedRuleGroup extends RuleGroup {
  readonly file: string;
  readonly rules: readonly LoadedRule[];
}
