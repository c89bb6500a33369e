import { compareValues, METRIC_NAME_LABEL, type Labels } from '@neo/domain-metric';
import type { SampleStore } from '../storage/sample-store';
import { parseInstantQuery } from './parse-instant-query';
import type { InstantVector, QueryEngine, VectorElement } from './query-engine';

/** Answers `selector [op [bool] number]` from the store with Prometheus' filter semantics. */
export class SelectorQueryEngine implements QueryEngine {
  constructor(private readonly store: SampleStore) {}

  async instantQuery(query: string, atMs: number): Promise<InstantVector> {
    const { matchers, filter } = parseInstantQuery(query);
    const samples = await this.store.selectLatest(matchers, atMs);
    let result: VectorElement[] = samples.map((s) => ({ metric: s.labels, value: s.value }));
    if (filter) {
      result = filter.bool
        ? result.map((e) => ({
            metric: withoutName(e.metric),
            value: compareValues(filter.op, e.value, filter.value) ? 1 : 0,
          }))
        : result.filter((e) => compareValues(filter.op, e.value, filter.value));
    }
    return { resultType: 'vector', result };
  }
}

// Like Prometheus, a `bool` comparison yields a new value, so the metric name no longer describes it.
function withoutName(labels: Labels): Labels {
  return Object.fromEntries(Object.entries(labels).filter(([name]) => name !== METRIC_NAME_LABEL));
}
