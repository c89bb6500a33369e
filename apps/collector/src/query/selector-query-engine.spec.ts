import { MemorySampleStore } from '../storage/memory-sample-store';
import { SelectorQueryEngine } from './selector-query-engine';

async function engineWith(samples: Array<[string, number]>) {
  const store = new MemorySampleStore({ retentionMs: 600_000, now: () => 0 });
  const appender = store.appender();
  for (const [instance, value] of samples)
    appender.append({ __name__: 'up', job: 'neo', instance }, 1000, value);
  await appender.commit();
  return new SelectorQueryEngine(store);
}

describe('SelectorQueryEngine', () => {
  it('filters with comparison semantics, keeping name and value', async () => {
    const engine = await engineWith([
      ['a', 1],
      ['b', 0],
    ]);
    expect((await engine.instantQuery('up == 0', 2000)).result).toEqual([
      { metric: { __name__: 'up', instance: 'b', job: 'neo' }, value: 0 },
    ]);
    expect((await engine.instantQuery('up', 2000)).result).toHaveLength(2);
  });

  it('returns 1/0 without the metric name for bool comparisons', async () => {
    const engine = await engineWith([['a', 1]]);
    expect((await engine.instantQuery('up == bool 0', 2000)).result).toEqual([
      { metric: { instance: 'a', job: 'neo' }, value: 0 },
    ]);
  });

  it('finds nothing before the first sample', async () => {
    const engine = await engineWith([['a', 1]]);
    expect((await engine.instantQuery('up', 500)).result).toEqual([]);
  });
});
