import type { HealthContributor } from '@neo/instrumentation';
import type { LoadedRuleGroup } from '../rules/loaded-rules';
import type { RuleBook } from './rule-book';

/**
 * Shown in /health, not readiness: a failing query API makes the alerter degraded (it keeps its state and
 * retries), and taking it out of service would not help.
 */
export function rulesHealth(book: RuleBook, groups: readonly LoadedRuleGroup[]): HealthContributor {
  return {
    name: 'rules',
    readiness: false,
    critical: false,
    check: async () => {
      const failing = groups.flatMap((group) =>
        group.rules
          .map((rule) => ({
            rule: `${group.name}/${rule.name}`,
            status: book.ruleStatus(group.name, rule.name),
          }))
          .filter(({ status }) => status.health === 'err'),
      );
      const rules = groups.reduce((n, g) => n + g.rules.length, 0);
      if (failing.length === 0) return { status: 'up', rules };
      return {
        status: 'down',
        rules,
        message: `${failing.length} rule(s) failing, e.g. ${failing[0].rule}: ${failing[0].status.lastError}`,
      };
    },
  };
}
