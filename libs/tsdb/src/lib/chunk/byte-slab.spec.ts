import { ByteSlab } from './byte-slab';

describe('ByteSlab', () => {
  it('hands out zeroed, disjoint views of one shared buffer', () => {
    const slab = new ByteSlab();
    const a = slab.alloc(10);
    const b = slab.alloc(20);
    expect(a.buffer).toBe(b.buffer);
    expect([...a, ...b].every((x) => x === 0)).toBe(true);
    a.fill(1);
    expect(b.every((x) => x === 0)).toBe(true);
  });

  it('copies exactly the requested prefix', () => {
    const slab = new ByteSlab();
    const copy = slab.copy(Uint8Array.from([1, 2, 3, 4]), 3);
    expect([...copy]).toEqual([1, 2, 3]);
    expect(copy.byteOffset + copy.length).toBeLessThanOrEqual(copy.buffer.byteLength);
  });

  it('gives large requests a buffer of their own and starts a new slab when one is full', () => {
    const slab = new ByteSlab();
    const big = slab.alloc(100_000);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(100_000);
    const first = slab.alloc(4000);
    let last = first;
    for (let i = 0; i < 100; i++) last = slab.alloc(4000);
    expect(last.buffer).not.toBe(first.buffer);
  });
});
