import { parseInstantQuery } from './parse-instant-query';
import { QueryError } from './query-engine';

describe('parseInstantQuery', () => {
  it('reads a bare selector', () => {
    expect(parseInstantQuery('up{job="neo"}')).toEqual({
      matchers: [
        { name: '__name__', op: '=', value: 'up' },
        { name: 'job', op: '=', value: 'neo' },
      ],
    });
  });

  it.each([
    ['up == 0', '==', 0, false],
    ['probe_duration_seconds > 0.5', '>', 0.5, false],
    ['up!=1', '!=', 1, false],
    ['x >= -Inf', '>=', -Infinity, false],
    ['x <= 1e3', '<=', 1000, false],
    ['x < bool 2', '<', 2, true],
  ])('reads %s', (text, op, value, bool) => {
    expect(parseInstantQuery(text).filter).toEqual({ op, value, bool });
  });

  it('ignores operator characters inside label values', () => {
    const query = parseInstantQuery('m{path=">=<", re=~"a|b"} > 1');
    expect(query.matchers[1]).toEqual({ name: 'path', op: '=', value: '>=<' });
    expect(query.filter).toEqual({ op: '>', value: 1, bool: false });
  });

  it.each([
    ['rate(up[5m])', /parse error/],
    ['up ==', /expected a number/],
    ['up == other_metric', /unsupported query/],
    ['up = 1', /unexpected character/],
    ['{job=""}', /non-empty matcher/],
  ])('rejects %s as bad_data', (text, message) => {
    let caught: unknown;
    try {
      parseInstantQuery(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QueryError);
    expect((caught as QueryError).errorType).toBe('bad_data');
    expect((caught as QueryError).message).toMatch(message);
  });
});
