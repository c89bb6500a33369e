import { parseExpr } from './parse';

describe('parseExpr', () => {
  it('builds selectors with matchers, offset and @', () => {
    const e = parseExpr('rate(http_requests_total{job="api",code=~"5.."}[1h30m] offset -5m @ 1609746000)');
    expect(e).toEqual({
      type: 'Call',
      func: 'rate',
      args: [
        {
          type: 'MatrixSelector',
          range: 5_400_000,
          selector: {
            type: 'VectorSelector',
            name: 'http_requests_total',
            matchers: [
              { name: '__name__', op: '=', value: 'http_requests_total' },
              { name: 'job', op: '=', value: 'api' },
              { name: 'code', op: '=~', value: '5..' },
            ],
            offset: -300_000,
            at: { kind: 'time', ms: 1_609_746_000_000 },
          },
        },
      ],
    });
  });

  it('parses subqueries, @ start()/end() and aggregations with grouping', () => {
    const e = parseExpr('sum without (a) (max_over_time(x[10m:1m] @ end()))');
    expect(e).toMatchObject({
      type: 'Aggregate',
      op: 'sum',
      without: true,
      grouping: ['a'],
      expr: { type: 'Call', args: [{ type: 'Subquery', range: 600_000, step: 60_000, at: { kind: 'end' } }] },
    });
    expect(parseExpr('topk(3, x) by (job)')).toMatchObject({
      op: 'topk',
      param: { value: 3 },
      grouping: ['job'],
    });
  });

  it('keeps precedence and right-associative ^', () => {
    expect(parseExpr('a ^ b ^ c')).toMatchObject({ op: '^', lhs: { name: 'a' }, rhs: { op: '^' } });
    expect(parseExpr('a - b - c')).toMatchObject({ op: '-', lhs: { op: '-' }, rhs: { name: 'c' } });
    expect(parseExpr('1 + 2 * 3')).toMatchObject({ op: '+', rhs: { op: '*' } });
    expect(parseExpr('a or b and c')).toMatchObject({ op: 'or', rhs: { op: 'and' } });
  });

  it('parses vector matching and bool', () => {
    expect(parseExpr('a > bool on(x) group_left(y) b')).toMatchObject({
      bool: true,
      matching: { card: 'many-to-one', on: true, labels: ['x'], include: ['y'] },
    });
    expect(parseExpr('a and ignoring(z) b')).toMatchObject({
      matching: { card: 'many-to-many', labels: ['z'] },
    });
  });

  it('parses literals', () => {
    expect(parseExpr('0x1F')).toEqual({ type: 'NumberLiteral', value: 31 });
    expect(parseExpr('-Inf')).toEqual({ type: 'NumberLiteral', value: -Infinity });
    expect(parseExpr('"a\\nb"')).toEqual({ type: 'StringLiteral', value: 'a\nb' });
    expect(parseExpr('`a\\n`')).toEqual({ type: 'StringLiteral', value: 'a\\n' });
  });

  it.each([
    ['1 +', '1:4: parse error: unexpected end of input'],
    ['rate(x)', 'expected type range vector in call to function "rate", got instant vector'],
    ['sum(x[5m])', 'expected type instant vector in aggregation expression, got range vector'],
    ['foo(x)', 'unknown function with name "foo"'],
    ['1 > 2', 'comparisons between scalars must use BOOL modifier'],
    ['1 and x', 'set operator "and" not allowed in binary scalar expression'],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher'],
    ['x[5m] + 1', 'binary expression must contain only scalar and instant vector types'],
    ['round()', 'expected at least 1 argument(s) in call to "round", got 0'],
    ['a + bool b', 'bool modifier can only be used on comparison operators'],
    ['(x + 1)[5m]', 'ranges only allowed for vector selectors'],
    ['"a"[5m:]', 'subquery is only allowed on instant vector, got string instead'],
  ])('rejects %s', (q, msg) => {
    expect(() => parseExpr(q)).toThrow(msg);
  });
});
