import { compileAnchoredRegex } from './anchored-regex';

describe('compileAnchoredRegex', () => {
  it('anchors both ends so a partial match is not a match', () => {
    const re = compileAnchoredRegex('foo');
    expect(re.test('foo')).toBe(true);
    expect(re.test('xfoo')).toBe(false);
    expect(re.test('foox')).toBe(false);
  });

  it('anchors alternations as a whole', () => {
    const re = compileAnchoredRegex('a|b');
    expect(re.test('a')).toBe(true);
    expect(re.test('ab')).toBe(false);
    expect(re.test('xb')).toBe(false);
  });

  it('lets . match newlines like Prometheus 3', () => {
    expect(compileAnchoredRegex('a.*b').test('a\nb')).toBe(true);
  });

  it('understands a leading (?i) flag', () => {
    expect(compileAnchoredRegex('(?i)foo').test('FoO')).toBe(true);
  });

  it('throws on an invalid pattern', () => {
    expect(() => compileAnchoredRegex('(')).toThrow(SyntaxError);
  });
});
