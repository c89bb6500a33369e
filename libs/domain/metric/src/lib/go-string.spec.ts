import { QuotedStringError, readQuotedString } from './go-string';

describe('readQuotedString', () => {
  it('reads double and single quoted strings and reports the end offset', () => {
    expect(readQuotedString('x="abc",', 2)).toEqual({ value: 'abc', end: 7 });
    expect(readQuotedString("'a\"b'", 0)).toEqual({ value: 'a"b', end: 5 });
  });

  it('decodes Go escapes', () => {
    expect(readQuotedString('"a\\\\b\\"c\\nd\\te\\x41\\u00e9\\U0001F600\\101\\\'"', 0).value).toBe(
      'a\\b"c\nd\teAé😀A\'',
    );
  });

  it('keeps raw strings verbatim', () => {
    expect(readQuotedString('`a\\nb\nc`', 0).value).toBe('a\\nb\nc');
  });

  it('rejects unknown escapes with their position', () => {
    expect(() => readQuotedString('"ab\\q"', 0)).toThrow("unknown escape sequence '\\q' at position 3");
  });

  it('rejects unterminated strings and raw newlines', () => {
    expect(() => readQuotedString('"abc', 0)).toThrow(QuotedStringError);
    expect(() => readQuotedString('"a\nb"', 0)).toThrow('unterminated quoted string');
  });

  it('rejects short hex escapes', () => {
    expect(() => readQuotedString('"\\x4"', 0)).toThrow('invalid escape sequence');
  });
});
