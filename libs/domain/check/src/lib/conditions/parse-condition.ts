import {
  OPERATORS,
  PLACEHOLDERS,
  type Condition,
  type Operand,
  type Operator,
  type PathSegment,
  type PlaceholderName,
} from './condition';
import { ConditionSyntaxError } from './condition-syntax-error';

/**
 * Parses one Gatus-style condition: `<operand> <operator> <operand>`, where an operand is a placeholder with an
 * optional JSON path (`[BODY].data.items[0].state`, `[HEADER].content-type`), `len(...)`, `has(...)`,
 * `pat(glob)`, a quoted string or a bare literal (number, duration such as `72h`, word). Pure; throws
 * ConditionSyntaxError with the 1-based position of the problem.
 */
export function parseCondition(source: string): Condition {
  const parser = new Parser(source);
  const left = parser.operand();
  const operator = parser.operator();
  const right = parser.operand();
  parser.end();
  return { source, left, operator, right };
}

/** Parses a placeholder with an optional path, alone (journey `store:` values use this). */
export function parsePlaceholder(source: string): Operand & { type: 'placeholder' } {
  const parser = new Parser(source);
  parser.skipSpaces();
  const operand = parser.placeholder();
  parser.end();
  return operand;
}

const FUNCTIONS = ['len', 'has', 'pat'] as const;

class Parser {
  private index = 0;

  constructor(private readonly text: string) {}

  operand(): Operand {
    this.skipSpaces();
    const char = this.text[this.index];
    if (char === undefined) this.fail('expected a value');
    if (char === '[') return this.placeholder();
    if (char === '"' || char === "'") return this.quoted(char);
    const fn = FUNCTIONS.find((name) => this.text.startsWith(`${name}(`, this.index));
    if (fn === 'pat') return this.pattern();
    if (fn !== undefined) {
      this.index += fn.length + 1;
      const inner = this.operand();
      this.skipSpaces();
      this.expect(')');
      return { type: fn, operand: inner };
    }
    return this.bare();
  }

  operator(): Operator {
    this.skipSpaces();
    const found = OPERATORS.find((op) => this.text.startsWith(op, this.index));
    if (found === undefined) this.fail(`expected an operator (${OPERATORS.join(' ')})`);
    this.index += found.length;
    return found;
  }

  end(): void {
    this.skipSpaces();
    if (this.index < this.text.length) this.fail(`unexpected "${this.text.slice(this.index)}"`);
  }

  skipSpaces(): void {
    while (this.text[this.index] === ' ' || this.text[this.index] === '\t') this.index++;
  }

  placeholder(): Operand & { type: 'placeholder' } {
    const start = this.index;
    this.expect('[');
    const close = this.text.indexOf(']', this.index);
    if (close < 0) this.fail('unclosed "["', start);
    const name = this.text.slice(this.index, close);
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      this.fail(
        `unknown placeholder [${name}] (known: ${PLACEHOLDERS.map((p) => `[${p}]`).join(', ')})`,
        start,
      );
    }
    this.index = close + 1;
    return { type: 'placeholder', name: name as PlaceholderName, path: this.path() };
  }

  private path(): PathSegment[] {
    const segments: PathSegment[] = [];
    for (;;) {
      const char = this.text[this.index];
      if (char === '.') {
        this.index++;
        const start = this.index;
        while (this.index < this.text.length && /[^\s.[\]()]/.test(this.text[this.index] ?? '')) this.index++;
        if (this.index === start) this.fail('expected a key after "."');
        segments.push({ key: this.text.slice(start, this.index) });
      } else if (char === '[') {
        const start = this.index;
        const close = this.text.indexOf(']', start);
        const digits = close < 0 ? '' : this.text.slice(start + 1, close);
        if (!/^\d+$/.test(digits)) this.fail('expected an array index like [0]', start + 1);
        segments.push({ index: Number(digits) });
        this.index = close + 1;
      } else {
        return segments;
      }
    }
  }

  // pat() takes raw text up to the matching ")" so globs need no quoting: pat(application/json*).
  private pattern(): Operand {
    const start = this.index;
    this.index += 'pat('.length;
    let depth = 1;
    let end = this.index;
    for (; end < this.text.length; end++) {
      if (this.text[end] === '(') depth++;
      if (this.text[end] === ')' && --depth === 0) break;
    }
    if (depth !== 0) this.fail('unclosed "pat("', start);
    const glob = this.text.slice(this.index, end).trim();
    this.index = end + 1;
    return { type: 'pattern', glob: unquote(glob) };
  }

  private quoted(quote: string): Operand {
    const start = this.index;
    const close = this.text.indexOf(quote, start + 1);
    if (close < 0) this.fail(`unclosed ${quote}`, start);
    this.index = close + 1;
    return { type: 'literal', text: this.text.slice(start + 1, close), quoted: true };
  }

  private bare(): Operand {
    const start = this.index;
    while (this.index < this.text.length && !/[\s()<>=!]/.test(this.text[this.index] ?? '')) this.index++;
    if (this.index === start) this.fail('expected a value');
    return { type: 'literal', text: this.text.slice(start, this.index), quoted: false };
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) this.fail(`expected "${char}"`);
    this.index++;
  }

  private fail(reason: string, at: number = this.index): never {
    throw new ConditionSyntaxError(at + 1, reason);
  }
}

function unquote(text: string): string {
  const first = text[0];
  return text.length >= 2 && (first === '"' || first === "'") && text.endsWith(first)
    ? text.slice(1, -1)
    : text;
}
