import { STALE_NAN, isStaleMarker } from '@neo/tsdb';
import { compress } from 'snappyjs';
// An independent reference (protobufjs) to cross-check the hand-written codec.
import { ReferenceWriteRequest as WriteRequest } from '../../remote-write/loopback-write-receiver';
import { encodeWriteRequest } from '../../remote-write/write-request-encoder';
import { decodeSnappyBlock, SnappyError, SnappyTooLargeError } from '../snappy-block';
import { ProtoError } from '../proto-reader';
import { decodeWriteRequest, InvalidSeriesError } from './write-request-decoder';

type Pair = [string, string];
const reference = (series: Array<{ labels: Pair[]; samples: Array<[number, number]> }>) =>
  Buffer.from(
    WriteRequest.encode(
      WriteRequest.create({
        timeseries: series.map((s) => ({
          labels: s.labels.map(([name, value]) => ({ name, value })),
          samples: s.samples.map(([timestamp, value]) => ({ timestamp, value })),
        })),
      }),
    ).finish(),
  );

const errorOf = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('remote_write codec', () => {
  it('decodes what protobufjs encodes, negative and large timestamps included', () => {
    const body = reference([
      {
        labels: [
          ['__name__', 'http_requests_total'],
          ['job', 'api'],
          ['path', 'é/ü'],
        ],
        samples: [
          [1_700_000_000_000, 1.5],
          [-5000, -0],
          [2 ** 52, Infinity],
        ],
      },
      { labels: [['__name__', 'up']], samples: [] },
    ]);
    const decoded = decodeWriteRequest(body);
    expect(decoded.samples).toBe(3);
    expect(decoded.series[0]).toEqual({
      labels: { __name__: 'http_requests_total', job: 'api', path: 'é/ü' },
      timestamps: [1_700_000_000_000, -5000, 2 ** 52],
      values: [1.5, -0, Infinity],
    });
    expect(decoded.series[1].labels).toEqual({ __name__: 'up' });
  });

  it('encodes sorted labels that protobufjs reads back, stale markers bit-exact', () => {
    const bytes = encodeWriteRequest([
      { labels: { job: 'a', __name__: 'm', b: 'x' }, timestamps: [1000, -1], values: [STALE_NAN, NaN] },
    ]);
    const back = WriteRequest.toObject(WriteRequest.decode(bytes), { longs: Number }) as {
      timeseries: Array<{ labels: Array<{ name: string }>; samples: Array<{ timestamp: number }> }>;
    };
    expect(back.timeseries[0].labels.map((l) => l.name)).toEqual(['__name__', 'b', 'job']);
    expect(back.timeseries[0].samples.map((s) => s.timestamp)).toEqual([1000, -1]);
    // The stale marker's exact bits, 0x7ff0000000000002 little-endian, then a plain NaN that is not one.
    expect(bytes.includes(Buffer.from('0200000000 00f07f'.replace(' ', ''), 'hex'))).toBe(true);
    const decoded = decodeWriteRequest(bytes).series[0];
    expect(isStaleMarker(decoded.values[0])).toBe(true);
    expect(Number.isNaN(decoded.values[1]) && !isStaleMarker(decoded.values[1])).toBe(true);
  });

  it('round-trips through snappy', () => {
    const series = [{ labels: { __name__: 'm', i: '1' }, timestamps: [1, 2, 3], values: [1, 2, 3] }];
    const compressed = compress(encodeWriteRequest(series));
    const raw = decodeSnappyBlock(compressed, 1 << 20);
    expect(decodeWriteRequest(raw).series[0]).toEqual(series[0]);
  });

  it.each([
    ['an empty label set', [], /series 0 \{\}: empty label set/],
    ['no metric name', [['job', 'a']], /missing __name__ label/],
    [
      'unsorted labels',
      [
        ['__name__', 'm'],
        ['job', 'a'],
        ['instance', 'b'],
      ],
      /labels not sorted by name \("job" before "instance"\)/,
    ],
    [
      'a duplicate name',
      [
        ['__name__', 'm'],
        ['job', 'a'],
        ['job', 'b'],
      ],
      /duplicate label name "job"/,
    ],
    [
      'an invalid label name',
      [
        ['__name__', 'm'],
        ['a-b', 'x'],
      ],
      /invalid label name "a-b"/,
    ],
    ['an invalid metric name', [['__name__', '1m']], /invalid metric name "1m"/],
  ])('rejects %s, naming the series', (_what, labels, message) => {
    const error = errorOf(() =>
      decodeWriteRequest(reference([{ labels: labels as Pair[], samples: [[1, 1]] }])),
    );
    expect(error).toBeInstanceOf(InvalidSeriesError);
    expect(error.message).toMatch(message);
  });

  it('drops labels with an empty value, as Prometheus treats them as absent', () => {
    const body = reference([
      {
        labels: [
          ['__name__', 'm'],
          ['empty', ''],
        ],
        samples: [[1, 1]],
      },
    ]);
    expect(decodeWriteRequest(body).series[0].labels).toEqual({ __name__: 'm' });
  });

  it('rejects truncated and malformed protobuf with a reason', () => {
    const good = reference([{ labels: [['__name__', 'm']], samples: [[1, 1]] }]);
    expect(errorOf(() => decodeWriteRequest(good.subarray(0, good.length - 3))).message).toMatch(
      /protobuf: (truncated|length-delimited)/,
    );
    expect(errorOf(() => decodeWriteRequest(Buffer.from([0x0f]))).message).toMatch(/wire type 7/);
    expect(errorOf(() => decodeWriteRequest(Buffer.from([0x0a, 0x02, 0x0a, 0x05]))).message).toMatch(
      /overruns/,
    );
    expect(
      errorOf(() => decodeWriteRequest(Buffer.from([0x0a, 0x05, 0x0a, 0x03, 0x0a, 0x01, 0xff]))).message,
    ).toMatch(/not valid UTF-8/);
    expect(errorOf(() => decodeWriteRequest(Buffer.from([0x00]))).message).toMatch(/field number 0/);
    expect(errorOf(() => decodeWriteRequest(Buffer.from([0x0a, 0x05]))).message).toMatch(/overruns/);
    expect(errorOf(() => decodeWriteRequest(Buffer.from('not protobuf at all')))).toBeInstanceOf(ProtoError);
  });

  it('rejects bad snappy and decompression bombs', () => {
    expect(errorOf(() => decodeSnappyBlock(Buffer.from('plain text'), 1000))).toBeInstanceOf(SnappyError);
    expect(
      errorOf(() => decodeSnappyBlock(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), 1000)),
    ).toBeInstanceOf(SnappyTooLargeError);
    const compressed = compress(Buffer.alloc(5000, 7));
    expect(decodeSnappyBlock(compressed, 5000)).toEqual(Buffer.alloc(5000, 7));
    expect(
      errorOf(() => decodeSnappyBlock(compressed.subarray(0, compressed.length - 1), 5000)).message,
    ).toMatch(/snappy: corrupt input/);
    expect(errorOf(() => decodeSnappyBlock(Buffer.alloc(0), 10)).message).toMatch(/bad length header/);
  });
});
