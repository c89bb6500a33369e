import { TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { startIngestApp, type IngestTestApp } from '../ingest-test-app';
import { ExportMetricsServiceRequest } from './otlp-schema';

const T0 = 1_700_000_000_000;
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;

type AnyValue = Record<string, unknown>;
const attr = (key: string, value: AnyValue) => ({ key, value });
const str = (key: string, value: string) => attr(key, { stringValue: value });

/** One resource with identifying and other attributes; its gauge has points at T0 and T0 + 5 s. */
function request(job: string, extra: ReturnType<typeof attr>[] = []) {
  return {
    resourceMetrics: [
      {
        resource: {
          attributes: [
            str('service.name', job),
            str('service.namespace', 'shop'),
            str('service.instance.id', 'pod-7'),
            str('deployment.environment', 'prod'),
            str('host.name', 'node-1'),
            str('host_name', 'alias'),
            attr('process.pid', { intValue: '4242' }),
            attr('sampling.ratio', { doubleValue: 0.25 }),
            attr('feature.on', { boolValue: true }),
            attr('zones', { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } }),
            str('empty.attr', ''),
            ...extra,
          ],
        },
        scopeMetrics: [
          {
            metrics: [
              {
                name: `${job}.items`,
                gauge: {
                  dataPoints: [
                    { attributes: [str('job', 'spoofed')], timeUnixNano: nanos(T0), asInt: '3' },
                    { attributes: [str('job', 'spoofed')], timeUnixNano: nanos(T0 + 5000), asInt: '5' },
                  ],
                },
              },
            ],
          },
        ],
      },
      // Only identifying attributes: target_info would say nothing more, so Prometheus writes none.
      {
        resource: { attributes: [str('service.name', `${job}-bare`)] },
        scopeMetrics: [
          {
            metrics: [
              { name: `${job}.bare`, gauge: { dataPoints: [{ timeUnixNano: nanos(T0), asInt: '1' }] } },
            ],
          },
        ],
      },
      // No service.name nor instance id: nothing to join target_info on, so none either.
      {
        resource: { attributes: [str('host.name', 'anonymous')] },
        scopeMetrics: [
          {
            metrics: [
              { name: `${job}.anon`, gauge: { dataPoints: [{ timeUnixNano: nanos(T0), asInt: '1' }] } },
            ],
          },
        ],
      },
    ],
  };
}

describe('OTLP resource attributes: job, instance and target_info (as Prometheus translates them)', () => {
  let neo: IngestTestApp;

  beforeAll(async () => {
    neo = await startIngestApp({ REDIS_URL: TEST_REDIS_URL, NEO_CHANNEL_PREFIX: uniquePrefix('otlp-ti') });
  });
  afterAll(async () => neo?.close());

  const post = (body: Uint8Array | string, type: string) =>
    fetch(`${neo.base}/v1/metrics`, { method: 'POST', body, headers: { 'content-type': type } });
  const targetInfo = (job: string) => neo.samples('target_info').filter(([labels]) => labels['job'] === job);

  const expectTranslated = (job: string) => {
    // Every series carries job and instance from the resource, over a point attribute named job.
    expect(neo.samples(`${job}_items`)).toEqual([
      [{ __name__: `${job}_items`, job: `shop/${job}`, instance: 'pod-7' }, T0, 3],
      [{ __name__: `${job}_items`, job: `shop/${job}`, instance: 'pod-7' }, T0 + 5000, 5],
    ]);
    expect(targetInfo(`shop/${job}`)).toEqual([
      [
        {
          __name__: 'target_info',
          job: `shop/${job}`,
          instance: 'pod-7',
          deployment_environment: 'prod',
          // host.name and host_name both sanitise to host_name: joined in key order, as Prometheus does.
          host_name: 'node-1;alias',
          process_pid: '4242',
          sampling_ratio: '0.25',
          feature_on: 'true',
          zones: '["a",2]',
        },
        T0 + 5000,
        1,
      ],
    ]);
    expect(neo.samples(`${job}_bare`)[0][0]).toEqual({ __name__: `${job}_bare`, job: `${job}-bare` });
    expect(targetInfo(`${job}-bare`)).toEqual([]);
    expect(neo.samples(`${job}_anon`)[0][0]).toEqual({ __name__: `${job}_anon` });
  };

  it('from OTLP/JSON', async () => {
    const response = await post(JSON.stringify(request('cart')), 'application/json');
    expect(response.status).toBe(200);
    expectTranslated('cart');
  });

  it('from OTLP/protobuf', async () => {
    const message = ExportMetricsServiceRequest.fromObject(request('basket'));
    const response = await post(
      ExportMetricsServiceRequest.encode(message).finish(),
      'application/x-protobuf',
    );
    expect(response.status).toBe(200);
    expectTranslated('basket');
  });

  it('lets PromQL join resource attributes onto series through target_info', async () => {
    await post(JSON.stringify(request('till', [str('region', 'eu-west')])), 'application/json');
    const query = 'till_items * on (job, instance) group_left (region) target_info';
    const params = new URLSearchParams({ query, time: String((T0 + 5000) / 1000) });
    const body = (await (await fetch(`${neo.base}/api/v1/query?${params.toString()}`)).json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    expect(body.data.result).toEqual([
      {
        metric: { job: 'shop/till', instance: 'pod-7', region: 'eu-west' },
        value: [(T0 + 5000) / 1000, '5'],
      },
    ]);
  });
});
