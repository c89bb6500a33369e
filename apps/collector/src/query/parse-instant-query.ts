import {
  parsePromValue,
  parseSelector,
  PromValueParseError,
  SelectorParseError,
  type ComparisonOp,
  type LabelMatcher,
} from '@neo/domain-metric';
import { QueryError } from './query-engine';

export interface ComparisonFilter {
  readonly op: ComparisonOp;
  readonly value: number;
  /** `bool`: every series is kept with 1 or 0 instead of being filtered. */
  readonly bool: boolean;
}

export interface InstantQuery {
  readonly matchers: LabelMatcher[];
  readonly filter?: ComparisonFilter;
}

// Longest first, so `>=` is not read as `>` followed by `=`.
const OPS: readonly ComparisonOp[] = ['==', '!=', '>=', '<=', '>', '<'];

/**
 * Reads `selector` or `selector <op> [bool] <number>`, the subset the alerter's rules use until full PromQL
 * arrives. Anything else is a `bad_data` QueryError whose message says what was expected.
 */
export function parseInstantQuery(text: string): InstantQuery {
  const opAt = findOperator(text);
  const selectorText = opAt < 0 ? text : text.slice(0, opAt);
  const matchers = parseSelectorOrThrow(selectorText);
  if (opAt < 0) return { matchers };

  const op = OPS.find((candidate) => text.startsWith(candidate, opAt));
  if (!op) {
    throw new QueryError('bad_data', `unexpected character '${text[opAt]}' at position ${opAt}`);
  }
  let rest = text.slice(opAt + op.length).trim();
  const bool = /^bool(\s|$)/.test(rest);
  if (bool) rest = rest.slice(4).trim();
  if (rest === '') {
    throw new QueryError('bad_data', `expected a number after '${op}'`);
  }
  try {
    return { matchers, filter: { op, value: parsePromValue(rest), bool } };
  } catch (error) {
    if (error instanceof PromValueParseError) {
      throw new QueryError(
        'bad_data',
        `unsupported query: only 'selector ${op} <number>' comparisons are supported, got '${rest}'`,
      );
    }
    throw error;
  }
}

function parseSelectorOrThrow(text: string): LabelMatcher[] {
  try {
    return parseSelector(text);
  } catch (error) {
    if (error instanceof SelectorParseError) {
      throw new QueryError('bad_data', `parse error: ${error.message}`);
    }
    throw error;
  }
}

/** Position of the first comparison operator outside braces and quotes, or -1. */
function findOperator(text: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
    } else if (depth === 0 && '=!<>'.includes(c)) {
      return i;
    }
  }
  return -1;
}
