import { sortLabels } from './labels';

describe('sortLabels', () => {
  it('orders keys by byte value, not locale', () => {
    const sorted = sortLabels({ b: '2', a: '1', B: '3', _x: '4' });
    expect(Object.keys(sorted)).toEqual(['B', '_x', 'a', 'b']);
  });

  it('keeps every pair', () => {
    expect(sortLabels({ job: 'x', instance: 'a:1' })).toEqual({ instance: 'a:1', job: 'x' });
  });

  it('does not mutate its input', () => {
    const input = { z: '1', a: '2' };
    sortLabels(input);
    expect(Object.keys(input)).toEqual(['z', 'a']);
  });
});
