import { ExpositionParseError } from './exposition-parse-error';
import { parseExposition } from './parse-exposition';

function failure(text: string): ExpositionParseError {
  try {
    parseExposition(text);
  } catch (error: unknown) {
    if (error instanceof ExpositionParseError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parseExposition', () => {
  it('reads samples, skipping HELP, TYPE, other comments and blank lines', () => {
    const text = [
      '# HELP up Whether the target is up.',
      '# TYPE up gauge',
      '# just a comment',
      '',
      'up{instance="a:1",job="x"} 1',
      '   ',
      'process_start_time_seconds 1.7e+09 1700000000000',
      '',
    ].join('\n');
    expect(parseExposition(text)).toEqual([
      { name: 'up', labels: { __name__: 'up', instance: 'a:1', job: 'x' }, value: 1 },
      {
        name: 'process_start_time_seconds',
        labels: { __name__: 'process_start_time_seconds' },
        value: 1.7e9,
        timestampMs: 1_700_000_000_000,
      },
    ]);
  });

  it('keeps a final line without newline and tolerates CRLF', () => {
    const samples = parseExposition('a 1\r\nb 2\r\nc 3');
    expect(samples.map((s) => [s.name, s.value])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('decodes label value escapes', () => {
    const [sample] = parseExposition('m{path="C:\\\\dir",msg="say \\"hi\\"\\nbye"} 1\n');
    expect(sample.labels).toEqual({ __name__: 'm', path: 'C:\\dir', msg: 'say "hi"\nbye' });
  });

  it('reads special and exponent values', () => {
    const samples = parseExposition('a NaN\nb +Inf\nc -Inf\nd Inf\ne 1.5e-3\nf -2E2\ng 42\nh .5\n');
    expect(samples[0].value).toBeNaN();
    expect(samples.slice(1).map((s) => s.value)).toEqual([
      Infinity,
      -Infinity,
      Infinity,
      0.0015,
      -200,
      42,
      0.5,
    ]);
  });

  it('treats histogram and summary lines as ordinary samples', () => {
    const text = [
      '# TYPE rpc histogram',
      'rpc_bucket{le="0.1"} 3',
      'rpc_bucket{le="+Inf"} 5',
      'rpc_sum 1.2',
      'rpc_count 5',
      'lat{quantile="0.99"} 0.3',
    ].join('\n');
    expect(parseExposition(text).map((s) => s.name)).toEqual([
      'rpc_bucket',
      'rpc_bucket',
      'rpc_sum',
      'rpc_count',
      'lat',
    ]);
  });

  it('accepts whitespace around labels, a trailing comma, empty braces and negative timestamps', () => {
    const samples = parseExposition('a{ x = "1" , y="2", } 1 -5\nb{} 2\n\tc\t3\n');
    expect(samples[0]).toEqual({
      name: 'a',
      labels: { __name__: 'a', x: '1', y: '2' },
      value: 1,
      timestampMs: -5,
    });
    expect(samples[1].labels).toEqual({ __name__: 'b' });
    expect(samples[2].value).toBe(3);
  });

  it('returns nothing for empty input', () => {
    expect(parseExposition('')).toEqual([]);
  });

  it.each([
    ['a 1\nb 2\nc\n', 3, 'expected value after metric name'],
    ['a{x="1"}\n', 1, 'expected value after metric name'],
    ['a abc', 1, 'invalid value "abc"'],
    ['a 1 2.5', 1, 'invalid timestamp "2.5"'],
    ['a 1 2 3', 1, 'unexpected text after timestamp'],
    ['1a 1', 1, 'invalid metric name "1a"'],
    ['a-b 1', 1, 'invalid metric name "a-b"'],
    ['a{1x="1"} 1', 1, 'invalid label name "1x"'],
    ['a{x:y="1"} 1', 1, 'invalid label name "x:y"'],
    ['a{x="1",x="2"} 1', 1, 'duplicate label name "x"'],
    ['a{__name__="b"} 1', 1, 'duplicate label name "__name__"'],
    ['a{x=1} 1', 1, "expected '\"' to start label value"],
    ['a{x} 1', 1, 'expected \'=\' after label name "x"'],
    ['a{x="1} 1', 1, 'unterminated label value'],
    ['a{x="1" y="2"} 1', 1, "expected ',' or '}' after label value of \"x\""],
    ['a{x="\\t"} 1', 1, "invalid escape sequence '\\t' in label value"],
    ['{x="1"} 1', 1, 'expected metric name'],
  ])('rejects %j at line %d: %s', (text, line, reason) => {
    const error = failure(text);
    expect(error.line).toBe(line);
    expect(error.message).toBe(`line ${line}: ${reason}`);
  });
});
