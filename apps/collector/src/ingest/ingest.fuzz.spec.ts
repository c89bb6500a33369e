import { isValidLabelName, isValidMetricName } from '@neo/domain-metric';
import { TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { compress } from 'snappyjs';
import { encodeWriteRequest, REMOTE_WRITE_HEADERS } from '../remote-write/write-request-encoder';
import { startIngestApp, type IngestTestApp } from './ingest-test-app';
import { OtlpFormatError } from './otlp/otlp-json';
import { decodeOtlpProtobuf, ExportMetricsServiceRequest } from './otlp/otlp-schema';
import { translateOtlp } from './otlp/otlp-translate';
import { ProtoError } from './proto-reader';
import { decodeWriteRequest } from './remote-write/write-request-decoder';
import { decodeSnappyBlock, SnappyError } from './snappy-block';

/** mulberry32: a fixed seed makes every failure reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(0x5eed);
const int = (n: number) => Math.floor(rand() * n);

function randomBytes(max: number): Buffer {
  const bytes = Buffer.alloc(int(max));
  for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
  return bytes;
}

/** Flip bits, overwrite, insert, delete or truncate: the classic byte-level mutations. */
function mutate(input: Uint8Array): Buffer {
  const bytes = [...input];
  for (let n = 1 + int(4); n > 0; n--) {
    const at = int(bytes.length + 1);
    switch (int(5)) {
      case 0:
        if (bytes.length) bytes[at % bytes.length] ^= 1 << int(8);
        break;
      case 1:
        if (bytes.length) bytes[at % bytes.length] = int(256);
        break;
      case 2:
        bytes.splice(at, 0, int(256));
        break;
      case 3:
        bytes.splice(at, 1 + int(8));
        break;
      default:
        bytes.length = Math.min(bytes.length, at);
    }
  }
  return Buffer.from(bytes);
}

const validWrite = encodeWriteRequest([
  { labels: { __name__: 'fuzz_metric', job: 'a', path: '/x' }, timestamps: [1000, 2000], values: [1, NaN] },
  { labels: { __name__: 'fuzz_other', le: '+Inf' }, timestamps: [1000], values: [3] },
]);

const validOtlp = {
  resourceMetrics: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      scopeMetrics: [
        {
          metrics: [
            { name: 'g', gauge: { dataPoints: [{ timeUnixNano: '1000000000', asDouble: 1.5 }] } },
            {
              name: 'h',
              unit: 's',
              histogram: {
                aggregationTemporality: 2,
                dataPoints: [
                  { timeUnixNano: '1000000000', count: '3', bucketCounts: ['1', '2'], explicitBounds: [1] },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
};

const JUNK: unknown[] = [
  null,
  0,
  -1,
  1e300,
  'x',
  '',
  '12345678901234567890123',
  true,
  [],
  {},
  [1, 'a'],
  { a: 1 },
];

/** Replace one random node of a JSON tree with junk (type confusion is what JSON decoders get wrong). */
function mutateJson(value: unknown): unknown {
  if (rand() < 0.15 || value === null || typeof value !== 'object') return JUNK[int(JUNK.length)];
  if (Array.isArray(value)) {
    if (value.length === 0) return [JUNK[int(JUNK.length)]];
    const copy = [...(value as unknown[])];
    const i = int(copy.length);
    copy[i] = mutateJson(copy[i]);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys[int(keys.length)];
  copy[key] = mutateJson(copy[key]);
  return copy;
}

const expectClean = (fn: () => unknown, allowed: Array<new (...args: never[]) => Error>) => {
  try {
    fn();
  } catch (error) {
    if (!allowed.some((type) => error instanceof type)) throw error;
  }
};

describe('ingest decoders under random and mutated input (seeded)', () => {
  it('remote_write: snappy and protobuf decoding end in a value or a clean error', () => {
    const compressed = compress(validWrite);
    for (let i = 0; i < 3000; i++) {
      const input =
        i % 3 === 0 ? randomBytes(64) : i % 3 === 1 ? mutate(compressed) : compress(mutate(validWrite));
      expectClean(() => decodeWriteRequest(decodeSnappyBlock(input, 1 << 16)), [SnappyError, ProtoError]);
    }
  });

  it('OTLP: JSON type confusion and protobuf mutations end in a translation or a clean error', () => {
    for (let i = 0; i < 2000; i++) {
      expectClean(() => translateOtlp(mutateJson(validOtlp)), [OtlpFormatError]);
    }
    const text = JSON.stringify(validOtlp);
    for (let i = 0; i < 1000; i++) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(mutate(Buffer.from(text)).toString('utf8'));
      } catch {
        continue; // the receiver answers 400 for unparseable JSON
      }
      expectClean(() => translateOtlp(parsed), [OtlpFormatError]);
    }
    const bytes = ExportMetricsServiceRequest.encode(
      ExportMetricsServiceRequest.fromObject(validOtlp),
    ).finish();
    for (let i = 0; i < 1000; i++) {
      let decoded: unknown;
      try {
        decoded = decodeOtlpProtobuf(mutate(bytes));
      } catch {
        continue; // any protobufjs decode error is answered 400 by the receiver
      }
      expectClean(() => translateOtlp(decoded), [OtlpFormatError]);
    }
  });
});

describe('ingest endpoints under mutated requests', () => {
  let neo: IngestTestApp;

  beforeAll(async () => {
    neo = await startIngestApp({ REDIS_URL: TEST_REDIS_URL, NEO_CHANNEL_PREFIX: uniquePrefix('fuzz') });
  });
  afterAll(async () => neo?.close());

  it('answers only 2xx/4xx, keeps serving, and stores only valid series', async () => {
    const compressed = compress(validWrite);
    const json = JSON.stringify(validOtlp);
    for (let i = 0; i < 60; i++) {
      const write = await fetch(`${neo.base}/api/v1/write`, {
        method: 'POST',
        headers: REMOTE_WRITE_HEADERS,
        body: i % 2 ? mutate(compressed) : compress(mutate(validWrite)),
      });
      expect([204, 400]).toContain(write.status);
      const body = i % 2 ? JSON.stringify(mutateJson(validOtlp)) : mutate(Buffer.from(json)).toString('utf8');
      const otlp = await fetch(`${neo.base}/v1/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect([200, 400]).toContain(otlp.status);
    }
    const ok = await fetch(`${neo.base}/api/v1/write`, {
      method: 'POST',
      headers: REMOTE_WRITE_HEADERS,
      body: compress(
        encodeWriteRequest([{ labels: { __name__: 'after_fuzz' }, timestamps: [5000], values: [1] }]),
      ),
    });
    expect(ok.status).toBe(204);
    expect(neo.samples('after_fuzz').map(([, t, v]) => [t, v])).toEqual([[5000, 1]]);
    const reader = neo.store.reader();
    try {
      for (const series of reader.select({ matchers: [] })) {
        expect(isValidMetricName(series.labels['__name__'] ?? '')).toBe(true);
        for (const name of Object.keys(series.labels)) {
          if (name !== '__name__') expect(isValidLabelName(name)).toBe(true);
        }
      }
    } finally {
      reader.close();
    }
    // Every accepted request waits for a WAL fsync, hence the longer limit; a hang would still fail it.
  }, 30_000);
});
