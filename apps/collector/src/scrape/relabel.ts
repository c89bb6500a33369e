import { isValidLabelName, type Labels } from '@neo/domain-metric';

export type RelabelAction = 'replace' | 'keep' | 'drop' | 'labelmap';

/** One relabel_configs / metric_relabel_configs step, compiled. */
export interface RelabelRule {
  readonly action: RelabelAction;
  readonly sourceLabels: readonly string[];
  readonly separator: string;
  /** Fully anchored, as Prometheus compiles it (`^(?:regex)$`). */
  readonly regex: RegExp;
  readonly targetLabel: string;
  readonly replacement: string;
}

/** Prometheus' regex text (RE2) to an anchored JS RegExp; `(?P<name>` is RE2's named group. */
export function compileRelabelRegex(source: string): RegExp {
  return new RegExp(`^(?:${source.replace(/\(\?P</g, '(?<')})$`, 'u');
}

/**
 * Applies the rules in order, as Prometheus' relabel.Process: undefined when a keep/drop rule drops the
 * set. The input is not modified.
 */
export function relabel(labels: Labels, rules: readonly RelabelRule[]): Labels | undefined {
  let current: Record<string, string> = { ...labels };
  for (const rule of rules) {
    const value = rule.sourceLabels.map((name) => current[name] ?? '').join(rule.separator);
    switch (rule.action) {
      case 'keep':
        if (!rule.regex.test(value)) return undefined;
        break;
      case 'drop':
        if (rule.regex.test(value)) return undefined;
        break;
      case 'replace': {
        const match = rule.regex.exec(value);
        if (!match) break;
        const target = expand(rule.targetLabel, match);
        if (!isValidLabelName(target)) break;
        const replaced = expand(rule.replacement, match);
        if (replaced === '') delete current[target];
        else current[target] = replaced;
        break;
      }
      case 'labelmap': {
        const mapped: Record<string, string> = { ...current };
        for (const [name, labelValue] of Object.entries(current)) {
          const match = rule.regex.exec(name);
          if (match) mapped[expand(rule.replacement, match)] = labelValue;
        }
        current = mapped;
        break;
      }
    }
  }
  return current;
}

/**
 * Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. As in Go, `$1x` names the group `1x` (empty),
 * which is why Prometheus configs write `${1}x`.
 */
export function expand(template: string, match: RegExpExecArray): string {
  return template.replace(
    /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (whole, dollar: string, braced?: string, bare?: string) => {
      if (dollar === '$') return '$';
      const name = braced ?? bare ?? '';
      if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
      return match.groups?.[name] ?? '';
    },
  );
}
