import { compileRelabelRegex, relabel, type RelabelRule } from './relabel';

const rule = (partial: Partial<Omit<RelabelRule, 'regex'>> & { regex?: string }): RelabelRule => ({
  action: partial.action ?? 'replace',
  sourceLabels: partial.sourceLabels ?? [],
  separator: partial.separator ?? ';',
  regex: compileRelabelRegex(partial.regex ?? '(.*)'),
  targetLabel: partial.targetLabel ?? '',
  replacement: partial.replacement ?? '$1',
});

describe('relabel', () => {
  const labels = { __address__: 'api-1:9100', __meta_env: 'prod', job: 'node' };

  it('replaces from joined source labels with $1 and ${name}, anchored', () => {
    expect(
      relabel(labels, [
        rule({ sourceLabels: ['__address__'], regex: '([^:]+):\\d+', targetLabel: 'host' }),
        rule({
          sourceLabels: ['job', '__meta_env'],
          regex: '(?P<j>\\w+);(\\w+)',
          targetLabel: 'tier',
          replacement: '${j}-$2',
        }),
        rule({ sourceLabels: ['job'], regex: 'nod', targetLabel: 'unanchored', replacement: 'matched' }),
      ]),
    ).toEqual({ ...labels, host: 'api-1', tier: 'node-prod' });
  });

  it('deletes the target when the replacement is empty and ignores invalid target names', () => {
    expect(relabel(labels, [rule({ sourceLabels: ['x'], targetLabel: 'job' })])).toEqual({
      __address__: 'api-1:9100',
      __meta_env: 'prod',
    });
    expect(relabel(labels, [rule({ sourceLabels: ['job'], targetLabel: '1bad' })])).toEqual(labels);
  });

  it('keeps and drops on the regex', () => {
    expect(
      relabel(labels, [rule({ action: 'keep', sourceLabels: ['__meta_env'], regex: 'prod|staging' })]),
    ).toEqual(labels);
    expect(
      relabel(labels, [rule({ action: 'keep', sourceLabels: ['__meta_env'], regex: 'dev' })]),
    ).toBeUndefined();
    expect(relabel(labels, [rule({ action: 'drop', sourceLabels: ['job'], regex: 'no.*' })])).toBeUndefined();
  });

  it('maps label names with labelmap, keeping the originals', () => {
    expect(relabel(labels, [rule({ action: 'labelmap', regex: '__meta_(.+)' })])).toEqual({
      ...labels,
      env: 'prod',
    });
  });
});
