import { isValidLabelName, isValidMetricName, METRIC_NAME_LABEL, type Labels } from '@neo/domain-metric';
import { STALE_NAN } from '@neo/tsdb';
import { ProtoError, ProtoReader } from '../proto-reader';

/** One series of a WriteRequest, labels validated, samples in wire order. */
export interface DecodedSeries {
  readonly labels: Labels;
  readonly timestamps: number[];
  readonly values: number[];
}

export interface DecodedWriteRequest {
  readonly series: DecodedSeries[];
  readonly samples: number;
}

/** A WriteRequest that decodes but breaks the data model (names, order, empty sets). */
export class InvalidSeriesError extends ProtoError {}

const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;

/**
 * Decodes prometheus.WriteRequest (remote_write 1.0): field 1 TimeSeries{1 Label{1 name, 2 value},
 * 2 Sample{1 double value, 2 int64 timestamp}}. Metadata (field 3), exemplars and native histograms are
 * skipped: this receiver stores float samples only.
 */
export function decodeWriteRequest(body: Buffer): DecodedWriteRequest {
  const reader = new ProtoReader(body);
  const series: DecodedSeries[] = [];
  let samples = 0;
  while (!reader.done) {
    const tag = reader.uint32();
    if (tag === 0x0a) {
      const end = reader.delimitedEnd();
      const decoded = decodeTimeSeries(new ProtoReader(body, reader.pos, end), series.length);
      reader.pos = end;
      series.push(decoded);
      samples += decoded.timestamps.length;
    } else {
      skipField(reader, tag);
    }
  }
  return { series, samples };
}

function skipField(reader: ProtoReader, tag: number): void {
  if (tag >>> 3 === 0) throw new ProtoError('protobuf: field number 0');
  reader.skip(tag & 7);
}

function decodeTimeSeries(reader: ProtoReader, index: number): DecodedSeries {
  const names: string[] = [];
  const values: string[] = [];
  const timestamps: number[] = [];
  const sampleValues: number[] = [];
  while (!reader.done) {
    const tag = reader.uint32();
    if (tag === 0x0a) {
      const end = reader.delimitedEnd();
      const label = new ProtoReader(reader.buf, reader.pos, end);
      let name = '';
      let value = '';
      while (!label.done) {
        const t = label.uint32();
        if (t === 0x0a) name = label.string();
        else if (t === 0x12) value = label.string();
        else skipField(label, t);
      }
      reader.pos = end;
      names.push(name);
      values.push(value);
    } else if (tag === 0x12) {
      const end = reader.delimitedEnd();
      const sample = new ProtoReader(reader.buf, reader.pos, end);
      let value = 0;
      let timestamp = 0;
      while (!sample.done) {
        const t = sample.uint32();
        if (t === 0x09) {
          const at = sample.pos;
          value = sample.double();
          // The staleness marker must survive bit-exactly; any other NaN stays an ordinary NaN.
          if (value !== value) {
            const [lo, hi] = sample.doubleWords(at);
            if (hi === STALE_HI && lo === STALE_LO) value = STALE_NAN;
          }
        } else if (t === 0x10) timestamp = sample.int64();
        else skipField(sample, t);
      }
      reader.pos = end;
      timestamps.push(timestamp);
      sampleValues.push(value);
    } else {
      skipField(reader, tag);
    }
  }
  return { labels: validLabels(names, values, index), timestamps, values: sampleValues };
}

/** Prometheus' rules for a series' labels; the message names the series so the sender can find it. */
function validLabels(names: readonly string[], values: readonly string[], index: number): Labels {
  const where = () =>
    `series ${index} {${names.map((n, i) => `${n}=${JSON.stringify(values[i])}`).join(', ')}}`;
  if (names.length === 0) throw new InvalidSeriesError(`${where()}: empty label set`);
  const labels: Record<string, string> = {};
  let hasName = false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (i > 0 && name <= names[i - 1]) {
      throw new InvalidSeriesError(
        name === names[i - 1]
          ? `${where()}: duplicate label name "${name}"`
          : `${where()}: labels not sorted by name ("${names[i - 1]}" before "${name}")`,
      );
    }
    if (name === METRIC_NAME_LABEL) {
      if (!isValidMetricName(values[i])) {
        throw new InvalidSeriesError(`${where()}: invalid metric name ${JSON.stringify(values[i])}`);
      }
      hasName = true;
    } else if (!isValidLabelName(name)) {
      throw new InvalidSeriesError(`${where()}: invalid label name ${JSON.stringify(name)}`);
    }
    // An empty value means "label absent" in Prometheus' data model, so it is not stored.
    if (values[i] !== '') labels[name] = values[i];
  }
  if (!hasName) throw new InvalidSeriesError(`${where()}: missing __name__ label`);
  return labels;
}
