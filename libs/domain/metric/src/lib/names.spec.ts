import { isValidLabelName, isValidMetricName, quoteLabelValue } from './names';

describe('names', () => {
  it.each(['up', 'http_requests_total', 'job:rate:5m', '_x', 'A1'])('accepts metric name %s', (n) => {
    expect(isValidMetricName(n)).toBe(true);
  });

  it.each(['', '1up', 'a-b', 'a b', 'é'])('rejects metric name %j', (n) => {
    expect(isValidMetricName(n)).toBe(false);
  });

  it('rejects colons in label names but allows them in metric names', () => {
    expect(isValidLabelName('a:b')).toBe(false);
    expect(isValidLabelName('__name__')).toBe(true);
    expect(isValidLabelName('9a')).toBe(false);
  });

  it('escapes backslash, quote and newline only', () => {
    expect(quoteLabelValue('a\\b"c\nd\te')).toBe('"a\\\\b\\"c\\nd\te"');
  });
});
