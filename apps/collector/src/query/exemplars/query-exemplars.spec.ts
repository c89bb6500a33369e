import { TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { startIngestApp, type IngestTestApp } from '../../ingest/ingest-test-app';
import { ExportMetricsServiceRequest } from '../../ingest/otlp/otlp-schema';

const T0 = 1_700_000_000_000;
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';

/** A histogram point with two exemplars (0.2 s and 3 s) and a counter point with one, in OTLP/JSON form. */
function push(service: string) {
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'http.duration',
                unit: 's',
                histogram: {
                  aggregationTemporality: 2,
                  dataPoints: [
                    {
                      timeUnixNano: nanos(T0),
                      count: '3',
                      sum: 3.5,
                      bucketCounts: ['1', '1', '1'],
                      explicitBounds: [0.25, 1],
                      exemplars: [
                        { timeUnixNano: nanos(T0 - 2000), asDouble: 0.2, traceId: TRACE, spanId: SPAN },
                        {
                          timeUnixNano: nanos(T0 - 1000),
                          asDouble: 3,
                          traceId: TRACE.replace('5b', '6c'),
                          filteredAttributes: [{ key: 'user', value: { stringValue: 'ada' } }],
                        },
                      ],
                    },
                  ],
                },
              },
              {
                name: 'orders',
                sum: {
                  aggregationTemporality: 2,
                  isMonotonic: true,
                  dataPoints: [
                    {
                      timeUnixNano: nanos(T0),
                      asInt: '7',
                      exemplars: [{ timeUnixNano: nanos(T0 - 500), asInt: '1', traceId: TRACE }],
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

interface ExemplarAnswer {
  status: string;
  data: Array<{
    seriesLabels: Record<string, string>;
    exemplars: Array<{ labels: Record<string, string>; value: string; timestamp: number }>;
  }> | null;
  errorType?: string;
}

describe('GET|POST /api/v1/query_exemplars (exemplars pushed over OTLP)', () => {
  let neo: IngestTestApp;

  beforeAll(async () => {
    neo = await startIngestApp({ REDIS_URL: TEST_REDIS_URL, NEO_CHANNEL_PREFIX: uniquePrefix('exemplars') });
    const json = await fetch(`${neo.base}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(push('json-svc')),
    });
    expect(json.status).toBe(200);
    // protobufjs takes bytes fields as base64: the ids of the JSON form (hex) are re-encoded for it.
    const asProtoObject = JSON.parse(JSON.stringify(push('pb-svc')), (key: string, value: unknown) =>
      (key === 'traceId' || key === 'spanId') && typeof value === 'string'
        ? Buffer.from(value, 'hex').toString('base64')
        : value,
    ) as Record<string, unknown>;
    const bytes = ExportMetricsServiceRequest.encode(
      ExportMetricsServiceRequest.fromObject(asProtoObject),
    ).finish();
    const pb = await fetch(`${neo.base}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: bytes,
    });
    expect(pb.status).toBe(200);
  });
  afterAll(async () => neo?.close());

  const get = async (params: Record<string, string>) => {
    const response = await fetch(
      `${neo.base}/api/v1/query_exemplars?${new URLSearchParams(params).toString()}`,
    );
    return { status: response.status, body: (await response.json()) as ExemplarAnswer };
  };
  const window = { start: String((T0 - 60_000) / 1000), end: String((T0 + 60_000) / 1000) };

  it('answers in Prometheus shape, exemplars on the bucket they fall in, ids in hex', async () => {
    const { status, body } = await get({
      query: 'histogram_quantile(0.9, rate(http_duration_seconds_bucket{job="json-svc"}[5m]))',
      ...window,
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'success',
      data: [
        {
          seriesLabels: { __name__: 'http_duration_seconds_bucket', job: 'json-svc', le: '+Inf' },
          exemplars: [
            {
              labels: { trace_id: TRACE.replace('5b', '6c'), user: 'ada' },
              value: '3',
              timestamp: (T0 - 1000) / 1000,
            },
          ],
        },
        {
          seriesLabels: { __name__: 'http_duration_seconds_bucket', job: 'json-svc', le: '0.25' },
          exemplars: [
            { labels: { trace_id: TRACE, span_id: SPAN }, value: '0.2', timestamp: (T0 - 2000) / 1000 },
          ],
        },
      ],
    });
  });

  it('reads protobuf exemplar ids (bytes) as the same hex, and takes POST form bodies', async () => {
    const response = await fetch(`${neo.base}/api/v1/query_exemplars`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'orders_total', ...window }).toString(),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as ExemplarAnswer;
    expect(body.data?.map((s) => [s.seriesLabels['job'], s.exemplars])).toEqual([
      ['json-svc', [{ labels: { trace_id: TRACE }, value: '1', timestamp: (T0 - 500) / 1000 }]],
      ['pb-svc', [{ labels: { trace_id: TRACE }, value: '1', timestamp: (T0 - 500) / 1000 }]],
    ]);
  });

  it('restricts to [start, end]; no selector gives null; bad input is bad_data', async () => {
    const late = await get({ query: 'orders_total', start: String((T0 - 100) / 1000), end: window.end });
    expect(late.body.data).toEqual([]);
    expect((await get({ query: '1 + 1', ...window })).body).toEqual({ status: 'success', data: null });
    const bad = await get({ query: 'orders_total{', ...window });
    expect([bad.status, bad.body.errorType]).toEqual([400, 'bad_data']);
    const reversed = await get({ query: 'orders_total', start: window.end, end: window.start });
    expect([reversed.status, reversed.body.errorType]).toEqual([400, 'bad_data']);
  });
});
