import { compileAnchoredRegex } from './anchored-regex';
import { Labels } from './labels';

/** PromQL label matching operators. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One `name op "value"` term of a selector. */
export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** Whether one matcher accepts a label value; a missing label is passed as "". */
export function matchesValue(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return compileAnchoredRegex(matcher.value).test(value);
    case '!~':
      return !compileAnchoredRegex(matcher.value).test(value);
  }
}

/** True when every matcher accepts the labels; like Prometheus, a missing label equals "". */
export function matchLabels(labels: Labels, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every((m) => matchesValue(m, labels[m.name] ?? ''));
}
