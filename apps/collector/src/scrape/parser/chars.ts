// Character classes of the exposition formats, on char codes: the scanner runs once per scraped byte.

export const SPACE = 0x20;
export const TAB = 0x09;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const HASH = 0x23;
export const NEWLINE = 0x0a;

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** `[a-zA-Z_]`, the first character of a label name. */
export function isLabelStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

/** `[a-zA-Z0-9_]`. */
export function isLabelChar(c: number): boolean {
  return isLabelStart(c) || (c >= 0x30 && c <= 0x39);
}

/** `[a-zA-Z_:]`, the first character of a metric name. */
export function isMetricStart(c: number): boolean {
  return isLabelStart(c) || c === 0x3a;
}

/** `[a-zA-Z0-9_:]`. */
export function isMetricChar(c: number): boolean {
  return isLabelChar(c) || c === 0x3a;
}
