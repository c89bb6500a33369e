import { formatOf, SCRAPE_ACCEPT } from './exposition-format';
import { parseExposition } from './parse-exposition';
import { ScrapeParseError } from './scrape-parse-error';

const text = (body: string) => parseExposition(body, 'text');
const om = (body: string) => parseExposition(body, 'openmetrics');

function errorOf(run: () => unknown): ScrapeParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScrapeParseError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parseExposition, text 0.0.4', () => {
  it('reads integer values on the fast path exactly as the float grammar does', () => {
    const values = ['0', '7', '007', '123456789012345', '1234567890123456789', '12a', '5#'];
    const { samples } = text(
      values
        .slice(0, 5)
        .map((v, i) => `m{i="${i}"} ${v} 1000`)
        .join('\n'),
    );
    expect(samples.map((s) => s.value)).toEqual(values.slice(0, 5).map(Number));
    expect(samples.every((s) => s.timestampMs === 1000)).toBe(true);
    expect(errorOf(() => text('m 12a\n')).message).toMatch(/invalid value "12a"/);
    expect(errorOf(() => text('m 5#\n')).message).toMatch(/invalid value "5#"/);
  });

  it('reads samples, labels, escapes, special values, timestamps and a last line without newline', () => {
    const { samples } = text(
      [
        '# a free comment',
        'plain 1',
        '  indented{a="b"}\t2.5e-3  ',
        'esc{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb",other="\\t"} -0',
        'nan NaN',
        'pinf +Inf',
        'ninf -Inf',
        'spaced {a="x" , b="y",} 3 1700000000123',
        'colon:name:total{le="+Inf"} 4',
        'last -12 -5',
      ].join('\n'),
    );
    expect(samples.map((s) => [s.labels, s.value, s.timestampMs])).toEqual([
      [{ __name__: 'plain' }, 1, undefined],
      [{ __name__: 'indented', a: 'b' }, 0.0025, undefined],
      [{ __name__: 'esc', path: 'C:\\dir', quote: 'say "hi"', nl: 'a\nb', other: '\\t' }, -0, undefined],
      [{ __name__: 'nan' }, NaN, undefined],
      [{ __name__: 'pinf' }, Infinity, undefined],
      [{ __name__: 'ninf' }, -Infinity, undefined],
      [{ __name__: 'spaced', a: 'x', b: 'y' }, 3, 1_700_000_000_123],
      [{ __name__: 'colon:name:total', le: '+Inf' }, 4, undefined],
      [{ __name__: 'last' }, -12, -5],
    ]);
  });

  it('reads histograms and summaries as their series, with metadata from HELP and TYPE', () => {
    const { samples, metadata } = text(
      [
        '# HELP rpc_seconds RPC latency.\\nSecond line \\\\ done',
        '# TYPE rpc_seconds histogram',
        'rpc_seconds_bucket{le="0.1"} 1',
        'rpc_seconds_bucket{le="+Inf"} 3',
        'rpc_seconds_sum 0.7',
        'rpc_seconds_count 3',
        '# TYPE q summary',
        'q{quantile="0.99"} NaN',
        'q_sum 0',
        'q_count 0',
        '# TYPE u untyped',
        '',
      ].join('\r\n'),
    );
    expect(samples.map((s) => s.labels['__name__'])).toEqual([
      'rpc_seconds_bucket',
      'rpc_seconds_bucket',
      'rpc_seconds_sum',
      'rpc_seconds_count',
      'q',
      'q_sum',
      'q_count',
    ]);
    expect(metadata.get('rpc_seconds')).toEqual({
      type: 'histogram',
      help: 'RPC latency.\nSecond line \\ done',
      unit: '',
    });
    expect(metadata.get('q')?.type).toBe('summary');
    expect(metadata.get('u')?.type).toBe('unknown');
  });

  it('reads UTF-8 quoted metric and label names', () => {
    const { samples, metadata } = text(
      '# TYPE "my.metric" gauge\n{"my.metric", "label.name"="v", plain="w"} 1\n{"only.name"} 2\n',
    );
    expect(samples.map((s) => s.labels)).toEqual([
      { __name__: 'my.metric', 'label.name': 'v', plain: 'w' },
      { __name__: 'only.name' },
    ]);
    expect(metadata.get('my.metric')?.type).toBe('gauge');
  });

  it.each([
    ['<html><body>not metrics</body></html>', 1, /invalid metric name "<html><body>not"/],
    ['ok 1\nbad{a="b" 1', 2, /unterminated label set|expected "," or "}"/],
    ['m{a="b"} one', 1, /invalid value "one"/],
    ['m 1 1.5', 1, /invalid timestamp/],
    ['m 1 2 3', 1, /unexpected text after the timestamp/],
    ['m{a="b",a="c"} 1', 1, /duplicate label name "a"/],
    ['m{0a="b"} 1', 1, /invalid label name/],
    ['m{a=b} 1', 1, /expected a quoted value/],
    ['m', 1, /expected value/],
    ['m{a="b\n"} 1', 1, /unterminated/],
    ['# TYPE m histogramz', 1, /invalid metric type/],
    ['m 0x10', 1, /invalid value/],
  ])('rejects %p at line %i', (body, line, message) => {
    const error = errorOf(() => text(body));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });
});

describe('parseExposition, OpenMetrics 1.0', () => {
  it('reads float-second timestamps, exemplars, _created, UNIT and requires # EOF', () => {
    const { samples, metadata } = om(
      [
        '# TYPE requests counter',
        '# UNIT requests requests',
        '# HELP requests Requests with a \\"quote\\".',
        'requests_total{code="200"} 10 1700000000.5 # {trace_id="abc"} 1 1700000000.25',
        'requests_created{code="200"} 1699990000',
        'requests_total{code="500"} 1 # {} 0.5',
        '# EOF',
      ].join('\n'),
    );
    expect(samples).toEqual([
      { labels: { __name__: 'requests_total', code: '200' }, value: 10, timestampMs: 1_700_000_000_500 },
      { labels: { __name__: 'requests_created', code: '200' }, value: 1_699_990_000 },
      { labels: { __name__: 'requests_total', code: '500' }, value: 1 },
    ]);
    expect(metadata.get('requests')).toEqual({
      type: 'counter',
      unit: 'requests',
      help: 'Requests with a "quote".',
    });
    expect(om('a 1\n# EOF\n').samples).toHaveLength(1);
  });

  it.each([
    ['a 1\n', /expected "# EOF"/],
    ['a 1\n# EOF\nb 2\n', /after "# EOF"/],
    ['a 1\n\n# EOF', /empty line/],
    ['# free comment\n# EOF', /invalid comment/],
    ['a 1 # {x="y"} notanumber\n# EOF', /invalid exemplar value/],
    ['a 1 # x\n# EOF', /expected "{"/],
  ])('rejects %p', (body, message) => {
    expect(errorOf(() => om(body)).message).toMatch(message);
  });
});

describe('content negotiation', () => {
  it('asks for OpenMetrics first and picks the parser from Content-Type', () => {
    expect(SCRAPE_ACCEPT.startsWith('application/openmetrics-text;version=1.0.0')).toBe(true);
    expect(formatOf('application/openmetrics-text; version=1.0.0; charset=utf-8')).toBe('openmetrics');
    expect(formatOf('text/plain; version=0.0.4')).toBe('text');
    expect(formatOf(null)).toBe('text');
  });
});
