import { compileAnchoredRegex } from './anchored-regex';
import { QuotedStringError, readQuotedString } from './go-string';
import { LabelMatcher, matchesValue, MatchOp } from './label-matcher';
import { METRIC_NAME_LABEL } from './names';
import { SelectorParseError } from './selector-parse-error';

const METRIC_NAME_START = /[a-zA-Z_:]/;
const METRIC_NAME_CHAR = /[a-zA-Z0-9_:]/;
const LABEL_NAME_START = /[a-zA-Z_]/;
const LABEL_NAME_CHAR = /[a-zA-Z0-9_]/;
const WHITESPACE = /[ \t\r\n]/;
// Longest operators first so `=~` is not read as `=` followed by garbage.
const OPERATORS: readonly MatchOp[] = ['=~', '!~', '!=', '='];

interface Positioned {
  readonly matcher: LabelMatcher;
  readonly valuePosition: number;
}

function unexpected(text: string, pos: number): SelectorParseError {
  if (pos >= text.length) {
    return new SelectorParseError(`unexpected end of input at position ${pos}`, pos);
  }
  return new SelectorParseError(`unexpected character '${text[pos]}' at position ${pos}`, pos);
}

function skipWhitespace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && WHITESPACE.test(text[i])) {
    i++;
  }
  return i;
}

function readName(text: string, pos: number, start: RegExp, rest: RegExp): string {
  if (pos >= text.length || !start.test(text[pos])) {
    return '';
  }
  let end = pos + 1;
  while (end < text.length && rest.test(text[end])) {
    end++;
  }
  return text.slice(pos, end);
}

function readMatcher(text: string, pos: number): [Positioned, number] {
  const name = readName(text, pos, LABEL_NAME_START, LABEL_NAME_CHAR);
  if (name === '') {
    throw unexpected(text, pos);
  }
  let i = skipWhitespace(text, pos + name.length);
  const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
  if (op === undefined) {
    throw unexpected(text, i);
  }
  i = skipWhitespace(text, i + op.length);
  if (!['"', "'", '`'].includes(text[i])) {
    throw unexpected(text, i);
  }
  try {
    const quoted = readQuotedString(text, i);
    return [{ matcher: { name, op, value: quoted.value }, valuePosition: i }, quoted.end];
  } catch (error: unknown) {
    if (error instanceof QuotedStringError) {
      throw new SelectorParseError(error.message, error.position);
    }
    throw error;
  }
}

function readMatcherList(text: string, open: number): [Positioned[], number] {
  const matchers: Positioned[] = [];
  let i = skipWhitespace(text, open + 1);
  while (text[i] !== '}') {
    const [matcher, next] = readMatcher(text, i);
    matchers.push(matcher);
    i = skipWhitespace(text, next);
    if (text[i] === ',') {
      i = skipWhitespace(text, i + 1);
    } else if (text[i] !== '}') {
      throw unexpected(text, i);
    }
  }
  return [matchers, i + 1];
}

function checkRegexes(matchers: readonly Positioned[]): void {
  for (const { matcher, valuePosition } of matchers) {
    if (matcher.op !== '=~' && matcher.op !== '!~') {
      continue;
    }
    try {
      compileAnchoredRegex(matcher.value);
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SelectorParseError(
        `invalid regular expression "${matcher.value}" at position ${valuePosition}: ${reason}`,
        valuePosition,
      );
    }
  }
}

/**
 * Parse a PromQL vector selector (`metric`, `metric{a="b",c=~"d.*"}`, `{__name__="x"}`) into matchers,
 * the metric name first as a `__name__ =` matcher. Rejects what Prometheus rejects, including
 * selectors whose every matcher would match the empty label set.
 */
export function parseSelector(text: string): LabelMatcher[] {
  let i = skipWhitespace(text, 0);
  const metricName = readName(text, i, METRIC_NAME_START, METRIC_NAME_CHAR);
  i += metricName.length;
  i = skipWhitespace(text, i);
  let braced: Positioned[] = [];
  if (text[i] === '{') {
    [braced, i] = readMatcherList(text, i);
    i = skipWhitespace(text, i);
  } else if (metricName === '') {
    throw i >= text.length
      ? new SelectorParseError(`expected metric name or '{' at position ${i}`, i)
      : unexpected(text, i);
  }
  if (i < text.length) {
    throw unexpected(text, i);
  }
  const twice = braced.find((p) => p.matcher.name === METRIC_NAME_LABEL);
  if (metricName !== '' && twice) {
    throw new SelectorParseError(
      `metric name must not be set twice: "${metricName}" or "${twice.matcher.value}"`,
      twice.valuePosition,
    );
  }
  checkRegexes(braced);
  const matchers = braced.map((p) => p.matcher);
  if (metricName !== '') {
    matchers.unshift({ name: METRIC_NAME_LABEL, op: '=', value: metricName });
  }
  if (matchers.every((m) => matchesValue(m, ''))) {
    throw new SelectorParseError('vector selector must contain at least one non-empty matcher', 0);
  }
  return matchers;
}
