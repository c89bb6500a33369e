import { parseSelector } from './parse-selector';
import { SelectorParseError } from './selector-parse-error';

function errorOf(text: string): SelectorParseError {
  try {
    parseSelector(text);
  } catch (error: unknown) {
    if (error instanceof SelectorParseError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseSelector', () => {
  it('turns a bare metric name into a __name__ matcher', () => {
    expect(parseSelector('up')).toEqual([{ name: '__name__', op: '=', value: 'up' }]);
    expect(parseSelector('job:rate:5m')).toEqual([{ name: '__name__', op: '=', value: 'job:rate:5m' }]);
  });

  it('reads all four operators, name first', () => {
    expect(parseSelector('metric{a="b",c!="d",e=~"f.*",g!~"h"}')).toEqual([
      { name: '__name__', op: '=', value: 'metric' },
      { name: 'a', op: '=', value: 'b' },
      { name: 'c', op: '!=', value: 'd' },
      { name: 'e', op: '=~', value: 'f.*' },
      { name: 'g', op: '!~', value: 'h' },
    ]);
  });

  it('accepts selectors without a name', () => {
    expect(parseSelector('{__name__="x"}')).toEqual([{ name: '__name__', op: '=', value: 'x' }]);
  });

  it('tolerates whitespace, single quotes, raw strings and a trailing comma', () => {
    expect(parseSelector(" \tup { job = 'a\\'b' , path=~`\\d+`, } \n")).toEqual([
      { name: '__name__', op: '=', value: 'up' },
      { name: 'job', op: '=', value: "a'b" },
      { name: 'path', op: '=~', value: '\\d+' },
    ]);
  });

  it('decodes escapes in values', () => {
    expect(parseSelector('m{a="x\\"y\\\\z\\n"}')[1].value).toBe('x"y\\z\n');
  });

  it('names the unexpected character and its position', () => {
    const error = errorOf('up{a="b"}}');
    expect(error.message).toBe("unexpected character '}' at position 9");
    expect(error.position).toBe(9);
    expect(error).toBeInstanceOf(Error);
  });

  it('reports a missing operator or value', () => {
    expect(errorOf('up{a}').message).toBe("unexpected character '}' at position 4");
    expect(errorOf('up{a=b}').message).toBe("unexpected character 'b' at position 5");
    expect(errorOf('up{a="b" c="d"}').message).toBe("unexpected character 'c' at position 9");
    expect(errorOf('up{a="b"').message).toBe('unexpected end of input at position 8');
  });

  it('rejects an empty text and invalid names', () => {
    expect(errorOf('').message).toBe("expected metric name or '{' at position 0");
    expect(errorOf('1up').position).toBe(0);
    expect(errorOf('up{a:b="c"}').message).toBe("unexpected character ':' at position 4");
  });

  it('rejects selectors that match the empty label set, like Prometheus', () => {
    for (const text of ['{}', '{a=""}', '{a=~".*"}', '{a!="x"}', '{a=~".*",b!~"x"}']) {
      expect(errorOf(text).message).toBe('vector selector must contain at least one non-empty matcher');
    }
    expect(parseSelector('{a=~".+"}')).toHaveLength(1);
    expect(parseSelector('{a=""  ,b="x"}')).toHaveLength(2);
  });

  it('rejects a metric name set twice', () => {
    expect(errorOf('up{__name__="down"}').message).toBe('metric name must not be set twice: "up" or "down"');
  });

  it('rejects invalid regular expressions at the value position', () => {
    const error = errorOf('up{a=~"("}');
    expect(error.position).toBe(6);
    expect(error.message).toMatch(/^invalid regular expression "\(" at position 6/);
  });

  it('reports unterminated strings', () => {
    expect(errorOf('up{a="b}').message).toMatch(/unterminated quoted string/);
  });
});
