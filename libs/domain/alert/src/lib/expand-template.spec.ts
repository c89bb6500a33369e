import { expandTemplate } from './expand-template';

const labels = { __name__: 'up', instance: 'db-1:9100', job: 'node', severity: 'page' };

describe('expandTemplate', () => {
  it('leaves text without templates unchanged', () => {
    expect(expandTemplate('Disk is full.', labels, 1)).toBe('Disk is full.');
  });

  it('expands $labels, .Labels, $value and .Value', () => {
    expect(
      expandTemplate('{{ $labels.instance }} of {{.Labels.job}} is {{ $value }} / {{.Value}}', labels, 0.5),
    ).toBe('db-1:9100 of node is 0.5 / 0.5');
  });

  it('prints an unknown label as empty, like missingkey=zero', () => {
    expect(expandTemplate('[{{ $labels.nope }}]', labels, 1)).toBe('[]');
  });

  it('prints values the way Go does', () => {
    expect(expandTemplate('{{ $value }}', labels, 1e6)).toBe('1e+06');
    expect(expandTemplate('{{ $value }}', labels, NaN)).toBe('NaN');
  });

  it('supports pipes and functions', () => {
    expect(expandTemplate('{{ $labels.severity | toUpper }}', labels, 1)).toBe('PAGE');
    expect(expandTemplate('{{ humanize $value }}', labels, 1234567)).toBe('1.235M');
    expect(expandTemplate('{{ $value | humanizePercentage }}', labels, 0.25)).toBe('25%');
    expect(expandTemplate('{{ $value | humanizeDuration }}', labels, 90)).toBe('1m 30s');
    expect(expandTemplate('{{ toLower "ABC" }}', labels, 1)).toBe('abc');
    expect(expandTemplate('{{ title "disk full" }}', labels, 1)).toBe('Disk Full');
    expect(expandTemplate('{{ index $labels "job" }}', labels, 1)).toBe('node');
  });

  it('supports printf with common verbs', () => {
    expect(expandTemplate('{{ printf "%.2f" $value }}', labels, 3.14159)).toBe('3.14');
    expect(expandTemplate('{{ printf "%s=%v (%d%%)" $labels.job $value }}', labels, 2)).toBe(
      '{{ printf "%s=%v (%d%%)" $labels.job $value }}',
    );
    expect(expandTemplate('{{ printf "%s: %.3g" $labels.job $value }}', labels, 0.123456)).toBe(
      'node: 0.123',
    );
  });

  it('honours trim markers and drops comments', () => {
    expect(expandTemplate('a  {{- $labels.job -}}  b{{/* note */}}', labels, 1)).toBe('anodeb');
  });

  it('leaves malformed or unsupported actions as they are', () => {
    for (const text of [
      '{{ $labels.job',
      'x }} y',
      '{{ range . }}',
      '{{ $labels.job | nope }}',
      '{{}}',
      '{{ toUpper $value }}',
    ]) {
      expect(expandTemplate(text, labels, 1)).toBe(text);
    }
  });

  it('expands the good actions around an unsupported one', () => {
    expect(expandTemplate('{{ $labels.job }} {{ bogus }} {{ $value }}', labels, 2)).toBe(
      'node {{ bogus }} 2',
    );
  });

  it('does not let label values inject templates', () => {
    expect(expandTemplate('{{ $labels.x }}', { x: '{{ $value }}' }, 1)).toBe('{{ $value }}');
  });
});
