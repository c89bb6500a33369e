import { prometheusLabelName, prometheusMetricName } from './otlp-naming';

describe('OTLP to Prometheus names', () => {
  it.each([
    ['http.server.duration', 'ms', 'other', 'http_server_duration_milliseconds'],
    ['http.server.request.count', '{requests}', 'counter', 'http_server_request_count_total'],
    ['system.network.io', 'By', 'counter', 'system_network_io_bytes_total'],
    ['process.cpu.time', 's', 'counter', 'process_cpu_time_seconds_total'],
    ['requests_total', '1', 'counter', 'requests_total'],
    ['cpu.utilization', '1', 'gauge', 'cpu_utilization_ratio'],
    ['throughput', 'By/s', 'gauge', 'throughput_bytes_per_second'],
    ['request_duration_seconds', 's', 'other', 'request_duration_seconds'],
    ['queue.size', '', 'gauge', 'queue_size'],
    ['2xx.responses', '', 'gauge', '_2xx_responses'],
  ] as const)('%s [%s] as %s -> %s', (name, unit, kind, expected) => {
    expect(prometheusMetricName(name, unit, kind)).toBe(expected);
  });

  it.each([
    ['http.method', 'http_method'],
    ['service-name', 'service_name'],
    ['_private', 'key_private'],
    ['__reserved', '__reserved'],
    ['0day', 'key_0day'],
    ['naïve', 'na_ve'],
  ])('attribute %s -> label %s', (key, label) => {
    expect(prometheusLabelName(key)).toBe(label);
  });
});
