import type { Labels } from '@neo/domain-metric';
import { TEMPLATE_FUNCTIONS } from './template-functions';
import { printTemplateValue, TemplateValue } from './template-value';

interface TemplateData {
  readonly labels: Labels;
  readonly value: number;
}

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Split on `sep` outside quoted strings. */
function splitOutsideQuotes(text: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      current += c;
      if (c === '\\' && quote === '"') {
        current += text[++i] ?? '';
      } else if (c === quote) {
        quote = undefined;
      }
    } else if (c === '"' || c === '`') {
      quote = c;
      current += c;
    } else if (sep.test(c)) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function stringLiteral(token: string): string | undefined {
  if (token.length >= 2 && token.startsWith('`') && token.endsWith('`')) {
    return token.slice(1, -1);
  }
  if (token.length >= 2 && token.startsWith('"') && token.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(token);
      return typeof parsed === 'string' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function operand(token: string, data: TemplateData): TemplateValue | undefined {
  if (token === '$value' || token === '.Value') {
    return data.value;
  }
  if (token === '$labels' || token === '.Labels') {
    return { labels: data.labels };
  }
  const field = /^(?:\$labels|\.Labels)\.(.+)$/.exec(token);
  if (field) {
    // Prometheus runs templates with missingkey=zero, so an absent label prints as "".
    return IDENTIFIER.test(field[1]) ? (data.labels[field[1]] ?? '') : undefined;
  }
  if (NUMBER.test(token)) {
    return Number(token);
  }
  return stringLiteral(token);
}

function runCommand(
  command: string,
  data: TemplateData,
  piped: TemplateValue | undefined,
): TemplateValue | undefined {
  const tokens = splitOutsideQuotes(command.trim(), /\s/).filter((t) => t !== '');
  if (tokens.length === 0) {
    return undefined;
  }
  const fn = Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCTIONS, tokens[0])
    ? TEMPLATE_FUNCTIONS[tokens[0]]
    : undefined;
  if (!fn) {
    return tokens.length === 1 && piped === undefined ? operand(tokens[0], data) : undefined;
  }
  const args: TemplateValue[] = [];
  for (const token of tokens.slice(1)) {
    const arg = operand(token, data);
    if (arg === undefined) {
      return undefined;
    }
    args.push(arg);
  }
  if (piped !== undefined) {
    args.push(piped);
  }
  return fn(args);
}

function runAction(action: string, data: TemplateData): string | undefined {
  const trimmed = action.trim();
  if (trimmed.startsWith('/*') && trimmed.endsWith('*/')) {
    return '';
  }
  let value: TemplateValue | undefined;
  for (const command of splitOutsideQuotes(trimmed, /\|/)) {
    value = runCommand(command, data, value);
    if (value === undefined) {
      return undefined;
    }
  }
  return value === undefined ? undefined : printTemplateValue(value);
}

/**
 * Expand the Go-template subset alert rules use: `{{ $labels.x }}`, `{{ .Labels.x }}`, `{{ $value }}`,
 * `{{ .Value }}`, pipes, `{{- -}}` trimming, comments and the functions in TEMPLATE_FUNCTIONS
 * (toUpper, toLower, title, humanize*, printf, index). Anything it does not understand, including
 * unbalanced braces, is left in the output verbatim: a readable annotation beats a failed rule.
 */
export function expandTemplate(template: string, labels: Labels, value: number): string {
  const data: TemplateData = { labels, value };
  let out = '';
  let pos = 0;
  for (;;) {
    const open = template.indexOf('{{', pos);
    const close = open < 0 ? -1 : template.indexOf('}}', open + 2);
    if (close < 0) {
      return out + template.slice(pos);
    }
    let action = template.slice(open + 2, close);
    const trimBefore = /^-\s/.test(action);
    const trimAfter = /\s-$/.test(action);
    action = action.slice(trimBefore ? 1 : 0, trimAfter ? -1 : undefined);
    let before = template.slice(pos, open);
    const result = runAction(action, data);
    pos = close + 2;
    if (result === undefined) {
      out += before + template.slice(open, pos);
      continue;
    }
    if (trimBefore) {
      before = before.trimEnd();
    }
    out += before + result;
    if (trimAfter) {
      while (pos < template.length && /\s/.test(template[pos])) {
        pos++;
      }
    }
  }
}
