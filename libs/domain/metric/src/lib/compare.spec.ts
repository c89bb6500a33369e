import { ComparisonOp, compareValues } from './compare';

describe('compareValues', () => {
  it.each<[ComparisonOp, number, number, boolean]>([
    ['==', 1, 1, true],
    ['==', 1, 2, false],
    ['!=', 1, 2, true],
    ['!=', 1, 1, false],
    ['>', 2, 1, true],
    ['>', 1, 1, false],
    ['<', 1, 2, true],
    ['<', 2, 2, false],
    ['>=', 2, 2, true],
    ['>=', 1, 2, false],
    ['<=', 2, 2, true],
    ['<=', 3, 2, false],
    ['>', Infinity, 1e308, true],
  ])('%s %p %p -> %p', (op, a, b, expected) => {
    expect(compareValues(op, a, b)).toBe(expected);
  });

  it('treats NaN like Go: only != holds', () => {
    for (const op of ['==', '>', '<', '>=', '<='] as const) {
      expect(compareValues(op, NaN, NaN)).toBe(false);
    }
    expect(compareValues('!=', NaN, NaN)).toBe(true);
  });
});
