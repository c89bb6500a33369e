import { keepsSample, parseRuleQuery, RuleExprError } from './rule-query';

describe('parseRuleQuery', () => {
  it('accepts a bare selector', () => {
    const query = parseRuleQuery('probe_success{job="checks"}');
    expect(query.selector).toBe('probe_success{job="checks"}');
    expect(query.comparison).toBeUndefined();
  });

  it('splits selector and comparison, ignoring operators inside braces and quotes', () => {
    expect(parseRuleQuery('up == 0').comparison).toEqual({ op: '==', threshold: 0 });
    const query = parseRuleQuery('latency{path!="a>=b",x=~"<"} >= 1.5e3');
    expect(query.selector).toBe('latency{path!="a>=b",x=~"<"}');
    expect(query.comparison).toEqual({ op: '>=', threshold: 1500 });
    expect(parseRuleQuery('x<+Inf').comparison).toEqual({ op: '<', threshold: Infinity });
  });

  it('rejects what it cannot evaluate, saying what is supported', () => {
    expect(() => parseRuleQuery('sum(rate(x[5m])) > 1')).toThrow(RuleExprError);
    expect(() => parseRuleQuery('up == bool 0')).toThrow(/must be a number/);
    expect(() => parseRuleQuery('up{')).toThrow(/selector or 'selector <op> number'/);
    expect(() => parseRuleQuery('')).toThrow(RuleExprError);
  });

  it('filters samples like a PromQL comparison', () => {
    const query = parseRuleQuery('up == 0');
    expect(keepsSample(query, 0)).toBe(true);
    expect(keepsSample(query, 1)).toBe(false);
    expect(keepsSample(parseRuleQuery('up != 0'), NaN)).toBe(true);
    expect(keepsSample(parseRuleQuery('up'), 42)).toBe(true);
  });
});
