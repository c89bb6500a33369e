import { isValidLabelName, isValidMetricName, METRIC_NAME_LABEL } from '@neo/domain-metric';
import { ProtoError, ProtoReader } from '../proto-reader';

/** A WriteRequest that decodes but breaks the data model (names, order, empty sets). */
export class InvalidSeriesError extends ProtoError {}

/**
 * The labels of the TimeSeries message at [start, end) of `body` as sorted `[name, value, ...]` pairs, checked
 * by Prometheus' rules; `index` (the series' position in the request) names it in the error message.
 */
export function decodeSeriesPairs(body: Buffer, start: number, end: number, index: number): string[] {
  const reader = new ProtoReader(body, start, end);
  const names: string[] = [];
  const values: string[] = [];
  while (!reader.done) {
    const tag = reader.uint32();
    if (tag === 0x0a) {
      const fieldEnd = reader.delimitedEnd();
      const label = new ProtoReader(body, reader.pos, fieldEnd);
      let name = '';
      let value = '';
      while (!label.done) {
        const t = label.uint32();
        if (t === 0x0a) name = label.string();
        else if (t === 0x12) value = label.string();
        else skipField(label, t);
      }
      reader.pos = fieldEnd;
      names.push(name);
      values.push(value);
    } else {
      skipField(reader, tag);
    }
  }
  return validPairs(names, values, index);
}

function skipField(reader: ProtoReader, tag: number): void {
  if (tag >>> 3 === 0) throw new ProtoError('protobuf: field number 0');
  reader.skip(tag & 7);
}

/** Prometheus' rules for a series' labels; the message names the series so the sender can find it. */
function validPairs(names: readonly string[], values: readonly string[], index: number): string[] {
  const where = () =>
    `series ${index} {${names.map((n, i) => `${n}=${JSON.stringify(values[i])}`).join(', ')}}`;
  if (names.length === 0) throw new InvalidSeriesError(`${where()}: empty label set`);
  const pairs: string[] = [];
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
    if (values[i] !== '') pairs.push(name, values[i]);
  }
  if (!hasName) throw new InvalidSeriesError(`${where()}: missing __name__ label`);
  return pairs;
}
