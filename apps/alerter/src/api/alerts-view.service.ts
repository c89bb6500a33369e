import { Inject, Injectable } from '@nestjs/common';
import { RULE_GROUPS } from '../evaluation/evaluation.tokens';
import { RuleBook } from '../evaluation/rule-book';
import type { LoadedRuleGroup } from '../rules/loaded-rules';
import { toApiAlert, toApiGroup, toApiRule, type ApiAlert, type ApiRuleGroup } from './prometheus-shapes';

export interface RulesFilter {
  readonly type?: 'alert' | 'record';
  readonly ruleNames?: readonly string[];
  readonly groupNames?: readonly string[];
  readonly files?: readonly string[];
}

/** Reads the rule book into Prometheus API shapes. */
@Injectable()
export class AlertsViewService {
  constructor(
    private readonly book: RuleBook,
    @Inject(RULE_GROUPS) private readonly groups: readonly LoadedRuleGroup[],
  ) {}

  alerts(): ApiAlert[] {
    return [...this.book.allAlerts()].map(toApiAlert);
  }

  ruleGroups(filter: RulesFilter = {}): ApiRuleGroup[] {
    const filtering = Boolean(
      filter.type || filter.ruleNames?.length || filter.groupNames?.length || filter.files?.length,
    );
    return this.groups
      .filter((g) => !filter.groupNames?.length || filter.groupNames.includes(g.name))
      .filter((g) => !filter.files?.length || filter.files.includes(g.file))
      .map((group) => {
        const rules =
          filter.type === 'record'
            ? []
            : group.rules.filter((r) => !filter.ruleNames?.length || filter.ruleNames.includes(r.name));
        return toApiGroup(
          group,
          rules.map((rule) =>
            toApiRule(
              rule,
              this.book.alertsOf(group.name, rule.name),
              this.book.ruleStatus(group.name, rule.name),
            ),
          ),
          this.book.groupStatus(group.name),
        );
      })
      .filter((g) => !filtering || g.rules.length > 0);
  }
}
