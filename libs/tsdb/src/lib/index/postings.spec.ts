import { intersectPostings, lowerBound, subtractPostings, unionPostings } from './postings';

describe('postings', () => {
  it('intersects', () => {
    expect(
      intersectPostings([
        [1, 2, 3, 5, 8],
        [2, 3, 4, 8],
        [0, 2, 8, 9],
      ]),
    ).toEqual([2, 8]);
    expect(intersectPostings([[1, 2], []])).toEqual([]);
    expect(intersectPostings([])).toEqual([]);
  });

  it('unions without duplicates', () => {
    expect(unionPostings([[1, 4], [2, 4, 6], [], [0, 9]])).toEqual([0, 1, 2, 4, 6, 9]);
    expect(unionPostings([])).toEqual([]);
  });

  it('subtracts', () => {
    expect(subtractPostings([1, 2, 3, 4, 5], [2, 4, 6])).toEqual([1, 3, 5]);
    expect(subtractPostings([1, 2], [])).toEqual([1, 2]);
  });

  it('finds lower bounds from a starting point', () => {
    const list = [1, 3, 5, 7, 9, 11];
    expect(lowerBound(list, 6)).toBe(3);
    expect(lowerBound(list, 1)).toBe(0);
    expect(lowerBound(list, 12)).toBe(6);
    expect(lowerBound(list, 9, 2)).toBe(4);
  });

  it('agrees with a naive set implementation on random lists', () => {
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 100; round++) {
      const lists = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () =>
        [...new Set(Array.from({ length: Math.floor(rnd() * 30) }, () => Math.floor(rnd() * 50)))].sort(
          (a, b) => a - b,
        ),
      );
      const sets = lists.map((l) => new Set(l));
      const all = [...new Set(lists.flat())].sort((a, b) => a - b);
      expect(intersectPostings(lists)).toEqual(all.filter((x) => sets.every((s) => s.has(x))));
      expect(unionPostings(lists)).toEqual(all);
      expect(subtractPostings(lists[0], lists[lists.length - 1])).toEqual(
        lists[0].filter((x) => !sets[sets.length - 1].has(x)),
      );
    }
  });
});
