import { LabelMatcher, matchLabels } from '@neo/domain-metric';

/**
 * Whether one matcher accepts one label value. Regexes go through the domain's `matchLabels` so they
 * are compiled (anchored, cached) exactly as everywhere else in NEO.
 */
export function matchesValue(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    default:
      return matchLabels({ [m.name]: value }, [m]);
  }
}
