const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Result of reading one quoted string: its value and the offset just past the closing quote. */
export interface QuotedString {
  readonly value: string;
  readonly end: number;
}

/** Thrown with the offset of the offending character; callers wrap it in their own error type. */
export class QuotedStringError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/**
 * Read a PromQL string literal starting at `start` (which holds the quote): "..." and '...' with Go
 * escapes, or `...` raw. PromQL accepts both quote styles, so \' and \" are valid in either.
 */
export function readQuotedString(text: string, start: number): QuotedString {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) {
      return { value, end: i + 1 };
    }
    if (quote === '`') {
      value += c;
      i++;
      continue;
    }
    if (c === '\n') {
      throw new QuotedStringError(`unterminated quoted string at position ${i}`, i);
    }
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const [decoded, next] = readEscape(text, i);
    value += decoded;
    i = next;
  }
  throw new QuotedStringError(`unterminated quoted string at position ${start}`, start);
}

function readEscape(text: string, backslash: number): [string, number] {
  const kind = text[backslash + 1];
  if (kind === undefined) {
    throw new QuotedStringError(`unterminated escape sequence at position ${backslash}`, backslash);
  }
  if (kind in SIMPLE_ESCAPES) {
    return [SIMPLE_ESCAPES[kind], backslash + 2];
  }
  const hexLength = HEX_ESCAPE_LENGTH[kind];
  if (hexLength !== undefined) {
    const digits = text.slice(backslash + 2, backslash + 2 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) {
      throw new QuotedStringError(`invalid escape sequence at position ${backslash}`, backslash);
    }
    const code = parseInt(digits, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new QuotedStringError(`invalid Unicode code point at position ${backslash}`, backslash);
    }
    return [String.fromCodePoint(code), backslash + 2 + hexLength];
  }
  const octal = text.slice(backslash + 1, backslash + 4);
  if (/^[0-7]{3}$/.test(octal) && parseInt(octal, 8) <= 0xff) {
    return [String.fromCharCode(parseInt(octal, 8)), backslash + 4];
  }
  throw new QuotedStringError(`unknown escape sequence '\\${kind}' at position ${backslash}`, backslash);
}
