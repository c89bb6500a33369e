import { RefTable } from './ref-table';

describe('RefTable', () => {
  it('behaves as a map over dense, far and odd refs, counting entries once', () => {
    const table = new RefTable<string>();
    table.set(1, 'a');
    table.set(2, 'b');
    table.set(1, 'a2');
    table.set(5_000_000, 'far');
    table.set(10, 'gap');
    expect(table.size).toBe(4);
    expect([table.get(1), table.get(2), table.get(3), table.get(10), table.get(5_000_000)]).toEqual([
      'a2',
      'b',
      undefined,
      'gap',
      'far',
    ]);
    expect(table.get(-1)).toBeUndefined();
    table.delete(2);
    table.delete(2);
    table.delete(5_000_000);
    expect(table.size).toBe(2);
    expect(table.has(2)).toBe(false);
    expect([...table.entries()]).toEqual([
      [1, 'a2'],
      [10, 'gap'],
    ]);
  });
});
