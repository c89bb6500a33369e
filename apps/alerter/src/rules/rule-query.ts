import {
  compareValues,
  parsePromValue,
  parseSelector,
  type ComparisonOp,
  type LabelMatcher,
} from '@neo/domain-metric';

/**
 * A rule expression in the subset this alerter evaluates today: a vector selector, optionally compared with
 * a number (`up == 0`). The selector goes to the query API and the comparison runs here, so the same rules
 * work against NEO's collector (selectors only) and against a full Prometheus.
 */
export interface RuleQuery {
  readonly selector: string;
  readonly matchers: readonly LabelMatcher[];
  readonly comparison?: { readonly op: ComparisonOp; readonly threshold: number };
}

/** The expression is outside the supported subset or not valid PromQL. */
export class RuleExprError extends Error {
  override readonly name = 'RuleExprError';
}

// Longest first so `>=` is not read as `>`.
const OPS: readonly ComparisonOp[] = ['==', '!=', '>=', '<=', '>', '<'];

/** Index and operator of the first comparison outside braces and quotes, if any. */
function findComparison(expr: string): { index: number; op: ComparisonOp } | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0) {
      const op = OPS.find((candidate) => expr.startsWith(candidate, i));
      if (op) return { index: i, op };
    }
  }
  return undefined;
}

/** Parses `selector` or `selector <op> number`; throws RuleExprError saying what is supported. */
export function parseRuleQuery(expr: string): RuleQuery {
  const found = findComparison(expr);
  const selector = (found ? expr.slice(0, found.index) : expr).trim();
  let matchers: LabelMatcher[];
  try {
    matchers = parseSelector(selector);
  } catch (error) {
    throw new RuleExprError(
      `'${expr}' is not supported: expected a selector or 'selector <op> number' (${(error as Error).message})`,
    );
  }
  if (!found) return { selector, matchers };
  const right = expr.slice(found.index + found.op.length).trim();
  let threshold: number;
  try {
    threshold = parsePromValue(right);
  } catch {
    throw new RuleExprError(
      `'${expr}' is not supported: the right side of ${found.op} must be a number, got '${right}'`,
    );
  }
  return { selector, matchers, comparison: { op: found.op, threshold } };
}

/** Applies the comparison like PromQL's filtering (non-`bool`) comparison: failing series are dropped. */
export function keepsSample(query: RuleQuery, value: number): boolean {
  return query.comparison ? compareValues(query.comparison.op, value, query.comparison.threshold) : true;
}
