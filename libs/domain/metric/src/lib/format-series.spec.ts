import { formatSeries } from './format-series';

describe('formatSeries', () => {
  it('puts the metric name first and sorts the rest', () => {
    expect(formatSeries({ job: 'x', __name__: 'up', instance: 'a:1' })).toBe('up{instance="a:1",job="x"}');
  });

  it('prints a bare name when there are no other labels', () => {
    expect(formatSeries({ __name__: 'up' })).toBe('up');
  });

  it('prints braces when there is no name', () => {
    expect(formatSeries({ b: '1', a: '2' })).toBe('{a="2",b="1"}');
    expect(formatSeries({})).toBe('{}');
  });

  it('escapes values like Prometheus', () => {
    expect(formatSeries({ __name__: 'm', path: 'C:\\x "y"\nz' })).toBe('m{path="C:\\\\x \\"y\\"\\nz"}');
  });
});
