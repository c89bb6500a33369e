import { compareBytes, Labels } from '@neo/domain-metric';
import * as protobuf from 'protobufjs';
import { compress } from 'snappyjs';

/** Prometheus remote_write 1.0 messages, declared inline (no .proto file to ship). */
const root = protobuf.Root.fromJSON({
  nested: {
    WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
    TimeSeries: {
      fields: {
        labels: { rule: 'repeated', type: 'Label', id: 1 },
        samples: { rule: 'repeated', type: 'Sample', id: 2 },
      },
    },
    Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
  },
});
const WriteRequest = root.lookupType('WriteRequest');

export interface WriteSeries {
  readonly labels: Labels;
  readonly ts: number[];
  readonly vs: number[];
}

/** Sends series to a Prometheus remote-write receiver (labels sorted, snappy, v0.1.0 headers). */
export async function remoteWrite(url: string, series: readonly WriteSeries[]): Promise<void> {
  const timeseries = series.map((s) => ({
    labels: Object.keys(s.labels)
      .sort(compareBytes)
      .map((name) => ({ name, value: s.labels[name] })),
    samples: s.ts.map((t, i) => ({ value: s.vs[i], timestamp: t })),
  }));
  const body = compress(WriteRequest.encode(WriteRequest.create({ timeseries })).finish());
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: {
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    },
  });
  if (res.status !== 204 && res.status !== 200) {
    throw new Error(`remote write failed: ${res.status} ${await res.text()}`);
  }
}
