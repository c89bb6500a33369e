import { Labels } from '@neo/domain-metric';
import { Point, SeriesResult } from './results';

/** A range query's series as the evaluator left it: values and presence per step of the query's grid. */
export interface GridData {
  readonly start: number;
  readonly step: number;
  readonly values: Float64Array;
  readonly present: Uint8Array;
}

const grids = new WeakMap<SeriesResult, GridData>();

/**
 * A range-query result series whose `points` are only built when read. The HTTP API writes JSON straight
 * from the step arrays (see formatQueryResponse) and never needs a { t, v } object per point: for a
 * query returning hundreds of thousands of points those objects were a good part of its cost.
 */
export function gridSeries(labels: Labels, data: GridData): SeriesResult {
  let points: Point[] | undefined;
  const s: SeriesResult = {
    labels,
    get points(): Point[] {
      if (points === undefined) {
        points = [];
        for (let i = 0; i < data.present.length; i++) {
          if (data.present[i] === 1) {
            points.push({ t: data.start + i * data.step, v: data.values[i] });
          }
        }
      }
      return points;
    },
  };
  grids.set(s, data);
  return s;
}

/** The step arrays behind a series made by {@link gridSeries}, if it was. */
export function gridDataOf(s: SeriesResult): GridData | undefined {
  return grids.get(s);
}
