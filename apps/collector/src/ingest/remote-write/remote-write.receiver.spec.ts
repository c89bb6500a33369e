import { gzipSync } from 'node:zlib';
import { STALE_NAN, isStaleMarker } from '@neo/tsdb';
import { compress } from 'snappyjs';
import {
  encodeWriteRequest,
  REMOTE_WRITE_HEADERS,
  type SeriesToSend,
} from '../../remote-write/write-request-encoder';
import { TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { startIngestApp, type IngestTestApp } from '../ingest-test-app';

const testEnv = () => ({ REDIS_URL: TEST_REDIS_URL, NEO_CHANNEL_PREFIX: uniquePrefix('collector-ingest') });

const T0 = 1_700_000_000_000;

describe('POST /api/v1/write', () => {
  let neo: IngestTestApp;

  beforeAll(async () => {
    neo = await startIngestApp({ ...testEnv(), NEO_COLLECTOR_INGEST_MAX_BODY: '1KB' });
  });
  afterAll(async () => neo?.close());

  const post = async (body: Uint8Array, headers: Record<string, string> = REMOTE_WRITE_HEADERS) => {
    const response = await fetch(`${neo.base}/api/v1/write`, { method: 'POST', body, headers });
    return { status: response.status, text: await response.text() };
  };
  const write = (series: SeriesToSend[]) => post(compress(encodeWriteRequest(series)));

  it('stores a request and answers 204, stale markers kept', async () => {
    const answer = await write([
      { labels: { __name__: 'rw_a', job: 'x' }, timestamps: [T0, T0 + 1000], values: [1, STALE_NAN] },
      { labels: { __name__: 'rw_a', job: 'y' }, timestamps: [T0], values: [-2.5] },
    ]);
    expect(answer).toEqual({ status: 204, text: '' });
    const rows = neo.samples('rw_a');
    expect(rows.map(([l, t]) => [l['job'], t])).toEqual([
      ['x', T0],
      ['x', T0 + 1000],
      ['y', T0],
    ]);
    expect(rows[0][2]).toBe(1);
    expect(isStaleMarker(rows[1][2])).toBe(true);
    expect(rows[2][2]).toBe(-2.5);
  });

  it('answers 400 naming the count when samples are out of order, keeping the in-order ones', async () => {
    await write([{ labels: { __name__: 'rw_ooo' }, timestamps: [T0 + 5000], values: [1] }]);
    const answer = await write([
      { labels: { __name__: 'rw_ooo' }, timestamps: [T0, T0 + 6000], values: [7, 8] },
      { labels: { __name__: 'rw_ooo', k: 'new' }, timestamps: [T0], values: [9] },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/^1 of 3 samples rejected \(out_of_order: 1\).*the other 2 were stored/);
    expect(neo.samples('rw_ooo').map(([, t, v]) => [t, v])).toEqual([
      [T0 + 5000, 1],
      [T0 + 6000, 8],
      [T0, 9],
    ]);
    // An identical re-send is idempotent: accepted, nothing doubled.
    expect(
      (await write([{ labels: { __name__: 'rw_ooo' }, timestamps: [T0 + 6000], values: [8] }])).status,
    ).toBe(204);
    expect(neo.samples('rw_ooo')).toHaveLength(3);
  });

  it('rejects a whole request with one bad series and stores none of it', async () => {
    const answer = await write([
      { labels: { __name__: 'rw_atomic' }, timestamps: [T0], values: [1] },
      { labels: { job: 'no-name' }, timestamps: [T0], values: [1] },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/series 1 \{job="no-name"\}: missing __name__ label/);
    expect(neo.samples('rw_atomic')).toEqual([]);
  });

  it.each([
    ['bad snappy', Buffer.from('definitely not snappy'), /snappy: corrupt input/],
    ['bad protobuf', compress(Buffer.from([0x0a, 0x09, 0x01])), /protobuf:/],
  ])('answers 400 on %s', async (_what, body, message) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(message);
  });

  it('answers 415 on other encodings and types, 413 over the size limit', async () => {
    const body = compress(encodeWriteRequest([{ labels: { __name__: 'm' }, timestamps: [1], values: [1] }]));
    const gzip = await post(gzipSync(body), { ...REMOTE_WRITE_HEADERS, 'Content-Encoding': 'gzip' });
    expect(gzip.status).toBe(415);
    expect(gzip.text).toMatch(/Content-Encoding "gzip"/);
    const json = await post(body, { ...REMOTE_WRITE_HEADERS, 'Content-Type': 'text/plain' });
    expect(json.status).toBe(415);
    const big = await post(Buffer.alloc(2048));
    expect(big.status).toBe(413);
    expect(big.text).toMatch(/exceeds the limit of 1024 bytes/);
    // A small body that claims to inflate beyond 8x the limit is refused before allocation.
    const bomb = await post(Buffer.from([0xff, 0xff, 0xff, 0x7f]));
    expect(bomb.status).toBe(413);
  });

  it('counts accepted and rejected samples in /metrics', async () => {
    const text = await (await fetch(`${neo.base}/metrics`)).text();
    expect(text).toMatch(/neo_collector_ingest_samples_total\{protocol="remote_write"[^}]*\} [1-9]/);
    expect(text).toMatch(
      /neo_collector_ingest_samples_rejected_total\{protocol="remote_write",reason="out_of_order"[^}]*\} 1/,
    );
    expect(text).toMatch(/neo_collector_ingest_requests_total\{protocol="remote_write",code="204"/);
  });
});
