import { gzipSync } from 'node:zlib';
import { TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { isStaleMarker } from '@neo/tsdb';
import { startIngestApp, type IngestTestApp } from '../ingest-test-app';
import { ExportMetricsServiceRequest, ExportMetricsServiceResponse, RpcStatus } from './otlp-schema';

const NS = 1_700_000_000_000n * 1_000_000n;
const nanos = (offsetMs: number) => String(NS + BigInt(offsetMs) * 1_000_000n);
const T0 = 1_700_000_000_000;

const resource = {
  attributes: [
    { key: 'service.name', value: { stringValue: 'checkout' } },
    { key: 'service.instance.id', value: { stringValue: 'pod-1' } },
  ],
};

/** One request with a gauge, a monotonic counter, a histogram and an unsupported delta sum (OTLP/JSON). */
function request(prefix: string, offsetMs = 0) {
  const attributes = [{ key: 'http.method', value: { stringValue: 'GET' } }];
  return {
    resourceMetrics: [
      {
        resource,
        scopeMetrics: [
          {
            scope: { name: 'test' },
            metrics: [
              {
                name: `${prefix}.queue.size`,
                gauge: { dataPoints: [{ attributes, timeUnixNano: nanos(offsetMs), asInt: '42' }] },
              },
              {
                name: `${prefix}.requests`,
                unit: '{requests}',
                sum: {
                  aggregationTemporality: 2,
                  isMonotonic: true,
                  dataPoints: [{ attributes, timeUnixNano: nanos(offsetMs), asDouble: 7 }],
                },
              },
              {
                name: `${prefix}.duration`,
                unit: 's',
                histogram: {
                  aggregationTemporality: 2,
                  dataPoints: [
                    {
                      timeUnixNano: nanos(offsetMs),
                      count: '6',
                      sum: 2.5,
                      bucketCounts: ['1', '2', '3'],
                      explicitBounds: [0.1, 1],
                    },
                  ],
                },
              },
              {
                name: `${prefix}.delta`,
                sum: {
                  aggregationTemporality: 1,
                  isMonotonic: true,
                  dataPoints: [{ timeUnixNano: nanos(offsetMs), asInt: '1' }],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('POST /v1/metrics (OTLP/HTTP)', () => {
  let neo: IngestTestApp;

  beforeAll(async () => {
    neo = await startIngestApp({ REDIS_URL: TEST_REDIS_URL, NEO_CHANNEL_PREFIX: uniquePrefix('otlp') });
  });
  afterAll(async () => neo?.close());

  const post = (body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(`${neo.base}/v1/metrics`, { method: 'POST', body, headers });
  const values = (name: string) => neo.samples(name).map(([labels, t, v]) => ({ labels, t, v }));

  it('stores gauges, counters and histograms from JSON with Prometheus names, delta sums rejected', async () => {
    const response = await post(JSON.stringify(request('json')), { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      partialSuccess: {
        rejectedDataPoints: '1',
        errorMessage: 'metric "json.delta": delta (or unspecified) temporality is not supported',
      },
    });
    const service = { job: 'checkout', instance: 'pod-1' };
    expect(values('json_queue_size')).toEqual([
      { labels: { __name__: 'json_queue_size', http_method: 'GET', ...service }, t: T0, v: 42 },
    ]);
    expect(values('json_requests_total')).toEqual([
      { labels: { __name__: 'json_requests_total', http_method: 'GET', ...service }, t: T0, v: 7 },
    ]);
    expect(values('json_duration_seconds_bucket').map(({ labels, v }) => [labels['le'], v])).toEqual([
      ['+Inf', 6],
      ['0.1', 1],
      ['1', 3],
    ]);
    expect(values('json_duration_seconds_sum')[0].v).toBe(2.5);
    expect(values('json_duration_seconds_count')[0].v).toBe(6);
    expect(values('json_delta_total')).toEqual([]);
  });

  it('accepts protobuf, gzip-compressed, and answers in protobuf', async () => {
    const bytes = ExportMetricsServiceRequest.encode(
      ExportMetricsServiceRequest.fromObject(request('pb')),
    ).finish();
    const response = await post(gzipSync(bytes), {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-protobuf/);
    const answer = ExportMetricsServiceResponse.toObject(
      ExportMetricsServiceResponse.decode(new Uint8Array(await response.arrayBuffer())),
      { longs: Number },
    );
    expect(answer).toEqual({ partialSuccess: { rejectedDataPoints: 1, errorMessage: expect.any(String) } });
    expect(values('pb_requests_total').map(({ v }) => v)).toEqual([7]);
    expect(values('pb_duration_seconds_bucket')).toHaveLength(3);
  });

  it('writes a staleness marker for a point flagged "no recorded value"', async () => {
    const body = request('stale', 1000);
    const gauge = body.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge;
    Object.assign(gauge?.dataPoints[0] ?? {}, { flags: 1 });
    expect((await post(JSON.stringify(body), { 'content-type': 'application/json' })).status).toBe(200);
    expect(isStaleMarker(values('stale_queue_size')[0].v)).toBe(true);
  });

  it('reports store rejections (out of order) as partial success', async () => {
    const response = await post(JSON.stringify(request('json', -60_000)), {
      'content-type': 'application/json',
    });
    const body = (await response.json()) as {
      partialSuccess: { rejectedDataPoints: string; errorMessage: string };
    };
    expect(response.status).toBe(200);
    // The delta point, plus the gauge, counter and five histogram samples now behind their series.
    expect(body.partialSuccess.rejectedDataPoints).toBe(String(1 + 7));
    expect(body.partialSuccess.errorMessage).toMatch(/7 samples rejected by the store \(out_of_order: 7\)/);
  });

  it('answers 400 with a Status naming the field, 415 on other content types', async () => {
    const bad = await post(
      JSON.stringify({
        resourceMetrics: [
          { scopeMetrics: [{ metrics: [{ name: 'x', gauge: { dataPoints: [{ asInt: 'many' }] } }] }] },
        ],
      }),
      {
        'content-type': 'application/json',
      },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      code: 3,
      message:
        'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asInt: expected an 64-bit integer',
    });
    const badPb = await post(Buffer.from([0x0a, 0xff, 0x01]), { 'content-type': 'application/x-protobuf' });
    expect(badPb.status).toBe(400);
    const status = RpcStatus.toObject(RpcStatus.decode(new Uint8Array(await badPb.arrayBuffer())));
    expect(status['message']).toMatch(/cannot decode the protobuf body/);
    const text = await post('x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
  });
});
