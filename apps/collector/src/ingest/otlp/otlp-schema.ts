import * as protobuf from 'protobufjs';

const kv = { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } };
const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });

/**
 * The subset of opentelemetry/proto (collector/metrics/v1, metrics/v1, common/v1, resource/v1) this receiver
 * reads, in protobufjs JSON form: field numbers and types as in the .proto files, names in lowerCamelCase
 * so decoded messages have the shape of OTLP/JSON (exemplar ids are turned from bytes into hex for that).
 */
const root = protobuf.Root.fromJSON({
  nested: {
    ExportMetricsServiceRequest: { fields: { resourceMetrics: repeated('ResourceMetrics', 1) } },
    ExportMetricsServiceResponse: { fields: { partialSuccess: { type: 'PartialSuccess', id: 1 } } },
    PartialSuccess: {
      fields: { rejectedDataPoints: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } },
    },
    Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } },
    ResourceMetrics: {
      fields: { resource: { type: 'Resource', id: 1 }, scopeMetrics: repeated('ScopeMetrics', 2) },
    },
    Resource: { fields: { attributes: repeated('KeyValue', 1) } },
    ScopeMetrics: {
      fields: { scope: { type: 'InstrumentationScope', id: 1 }, metrics: repeated('Metric', 2) },
    },
    InstrumentationScope: {
      fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } },
    },
    Metric: {
      fields: {
        name: { type: 'string', id: 1 },
        description: { type: 'string', id: 2 },
        unit: { type: 'string', id: 3 },
        gauge: { type: 'Gauge', id: 5 },
        sum: { type: 'Sum', id: 7 },
        histogram: { type: 'Histogram', id: 9 },
        exponentialHistogram: { type: 'ExponentialHistogram', id: 10 },
        summary: { type: 'Summary', id: 11 },
      },
    },
    Gauge: { fields: { dataPoints: repeated('NumberDataPoint', 1) } },
    Sum: {
      fields: {
        dataPoints: repeated('NumberDataPoint', 1),
        aggregationTemporality: { type: 'int32', id: 2 },
        isMonotonic: { type: 'bool', id: 3 },
      },
    },
    Histogram: {
      fields: {
        dataPoints: repeated('HistogramDataPoint', 1),
        aggregationTemporality: { type: 'int32', id: 2 },
      },
    },
    // Declared only so that its points can be counted as rejected rather than silently ignored.
    ExponentialHistogram: {
      fields: {
        dataPoints: repeated('NumberDataPoint', 1),
        aggregationTemporality: { type: 'int32', id: 2 },
      },
    },
    Summary: { fields: { dataPoints: repeated('SummaryDataPoint', 1) } },
    NumberDataPoint: {
      oneofs: { value: { oneof: ['asDouble', 'asInt'] } },
      fields: {
        attributes: repeated('KeyValue', 7),
        startTimeUnixNano: { type: 'fixed64', id: 2 },
        timeUnixNano: { type: 'fixed64', id: 3 },
        asDouble: { type: 'double', id: 4 },
        asInt: { type: 'sfixed64', id: 6 },
        exemplars: repeated('Exemplar', 5),
        flags: { type: 'uint32', id: 8 },
      },
    },
    Exemplar: {
      oneofs: { value: { oneof: ['asDouble', 'asInt'] } },
      fields: {
        filteredAttributes: repeated('KeyValue', 7),
        timeUnixNano: { type: 'fixed64', id: 2 },
        asDouble: { type: 'double', id: 3 },
        asInt: { type: 'sfixed64', id: 6 },
        spanId: { type: 'bytes', id: 4 },
        traceId: { type: 'bytes', id: 5 },
      },
    },
    HistogramDataPoint: {
      fields: {
        attributes: repeated('KeyValue', 9),
        startTimeUnixNano: { type: 'fixed64', id: 2 },
        timeUnixNano: { type: 'fixed64', id: 3 },
        count: { type: 'fixed64', id: 4 },
        sum: { type: 'double', id: 5 },
        bucketCounts: repeated('fixed64', 6),
        explicitBounds: repeated('double', 7),
        exemplars: repeated('Exemplar', 8),
        flags: { type: 'uint32', id: 10 },
      },
    },
    SummaryDataPoint: {
      fields: {
        attributes: repeated('KeyValue', 7),
        startTimeUnixNano: { type: 'fixed64', id: 2 },
        timeUnixNano: { type: 'fixed64', id: 3 },
        count: { type: 'fixed64', id: 4 },
        sum: { type: 'double', id: 5 },
        quantileValues: repeated('ValueAtQuantile', 6),
        flags: { type: 'uint32', id: 8 },
      },
    },
    ValueAtQuantile: { fields: { quantile: { type: 'double', id: 1 }, value: { type: 'double', id: 2 } } },
    KeyValue: { fields: kv },
    KeyValueList: { fields: { values: repeated('KeyValue', 1) } },
    ArrayValue: { fields: { values: repeated('AnyValue', 1) } },
    AnyValue: {
      oneofs: {
        value: {
          oneof: [
            'stringValue',
            'boolValue',
            'intValue',
            'doubleValue',
            'arrayValue',
            'kvlistValue',
            'bytesValue',
          ],
        },
      },
      fields: {
        stringValue: { type: 'string', id: 1 },
        boolValue: { type: 'bool', id: 2 },
        intValue: { type: 'int64', id: 3 },
        doubleValue: { type: 'double', id: 4 },
        arrayValue: { type: 'ArrayValue', id: 5 },
        kvlistValue: { type: 'KeyValueList', id: 6 },
        bytesValue: { type: 'bytes', id: 7 },
      },
    },
  },
});

export const ExportMetricsServiceRequest = root.lookupType('ExportMetricsServiceRequest');
export const ExportMetricsServiceResponse = root.lookupType('ExportMetricsServiceResponse');
export const RpcStatus = root.lookupType('Status');

/** A decoded protobuf request in OTLP/JSON shape: int64 as decimal strings, enums as numbers. */
export function decodeOtlpProtobuf(body: Uint8Array): unknown {
  const message = ExportMetricsServiceRequest.decode(body);
  const decoded = ExportMetricsServiceRequest.toObject(message, {
    longs: String,
    enums: Number,
    bytes: String,
  });
  idsToHex(decoded);
  return decoded;
}

/** OTLP/JSON writes trace and span ids in hex where protobufjs gives base64 (its bytes-as-string form). */
function idsToHex(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) idsToHex(item);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if ((key === 'traceId' || key === 'spanId') && typeof value === 'string') {
        record[key] = Buffer.from(value, 'base64').toString('hex');
      } else if (typeof value === 'object') {
        idsToHex(value);
      }
    }
  }
}
