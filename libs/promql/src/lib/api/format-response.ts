import { QueryResult } from './results';
import { formatQueryData, formatValue } from './format-result';
import { GridData, gridDataOf } from './grid-series';

/**
 * The whole success response body, `{"status":"success","data":...}`, written straight to JSON text:
 * byte for byte what JSON.stringify gives for the envelope around {@link formatQueryData}, without
 * building the intermediate [t, "v"] arrays first. A dashboard's range query returns hundreds of thousands
 * of points, and those pairs and a second walk over them by JSON.stringify were most of the cost of
 * answering it. Timestamps are finite numbers and formatted values only hold [0-9.e+-NaInf], so neither
 * needs escaping; label names and values go through JSON.stringify.
 */
export function formatQueryResponse(r: QueryResult): string {
  if (r.resultType === 'scalar' || r.resultType === 'string') {
    return JSON.stringify({ status: 'success', data: formatQueryData(r) });
  }
  let out = `{"status":"success","data":{"resultType":"${r.resultType}","result":[`;
  if (r.resultType === 'vector') {
    const samples = r.samples;
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      out += `${i === 0 ? '' : ','}{"metric":${JSON.stringify(s.labels)},"value":[${s.t / 1000},"${formatValue(s.v)}"]}`;
    }
  } else {
    const series = r.series;
    // `[<seconds>,"` per step of the grid, shared by every series of a range query.
    let prefixes: string[] = [];
    let prefixGrid: GridData | undefined;
    for (let i = 0; i < series.length; i++) {
      const s = series[i];
      const grid = gridDataOf(s);
      if (grid !== undefined) {
        const { start, step, values, present } = grid;
        if (prefixGrid?.start !== start || prefixGrid.step !== step || prefixes.length < present.length) {
          prefixes = Array.from(present, (_, j) => `[${(start + j * step) / 1000},"`);
          prefixGrid = grid;
        }
        const parts: string[] = [];
        for (let j = 0; j < present.length; j++) {
          if (present[j] === 1) {
            parts.push(`${prefixes[j]}${formatValue(values[j])}"]`);
          }
        }
        out += `${i === 0 ? '' : ','}{"metric":${JSON.stringify(s.labels)},"values":[${parts.join(',')}]}`;
        continue;
      }
      // One string per series, built from parts and joined once: cheaper than one long chain of `+=`.
      const points = s.points;
      const parts = new Array<string>(points.length);
      for (let j = 0; j < points.length; j++) {
        const p = points[j];
        parts[j] = `[${p.t / 1000},"${formatValue(p.v)}"]`;
      }
      out += `${i === 0 ? '' : ','}{"metric":${JSON.stringify(s.labels)},"values":[${parts.join(',')}]}`;
    }
  }
  return `${out}]}}`;
}
