import { createEngine } from './engine';
import { QueryError } from './eval/query-error';
import { Queryable, SelectRequest, StoredSeries } from './storage/queryable';
import { MemoryQueryable } from '../test-support/memory-queryable';

const STEP = 15_000;
const POINTS = 100;
const SERIES = 10;
const END = (POINTS - 1) * STEP;

/** x{i="0".."9"}: POINTS samples each at 15 s, value = i * 1000 + sample index. */
function store(series = SERIES): MemoryQueryable {
  const q = new MemoryQueryable();
  const ts = Array.from({ length: POINTS }, (_, k) => k * STEP);
  for (let i = 0; i < series; i++) {
    // Pushed directly: MemoryQueryable.add looks for an existing series, quadratic for 1,000 series.
    q.series.push({ labels: { __name__: 'x', i: String(i) }, ts, vs: ts.map((_, k) => i * 1000 + k) });
  }
  return q;
}

/** Runs `fn` and returns the QueryError it throws (fails the test if it throws nothing else). */
function queryError(fn: () => unknown): QueryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof QueryError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected the query to fail');
}

describe('query limits', () => {
  describe('maxSamples', () => {
    // Range query over all 10 series: 1,000 samples loaded (all within [0 - 5m, END]) + 1,000 points.
    const limit = SERIES * POINTS * 2;

    it('fails a query that loads more samples with an execution error', () => {
      const engine = createEngine({ maxSamples: limit - 1 });
      const err = queryError(() => engine.rangeQuery(store(), 'x', 0, END, STEP));
      expect(err.type).toBe('execution');
      expect(err.message).toMatch(/too many samples/);
      expect(err.message).toContain(String(limit - 1));
    });

    it('counts samples of range selectors too', () => {
      const engine = createEngine({ maxSamples: SERIES * POINTS - 1 });
      const err = queryError(() => engine.instantQuery(store(), 'count_over_time(x[1h])', END));
      expect(err.type).toBe('execution');
    });

    it('lets the same query through at the limit, and counts per query, not per engine', () => {
      const engine = createEngine({ maxSamples: limit });
      const q = store();
      for (let run = 0; run < 3; run++) {
        const r = engine.rangeQuery(q, 'x', 0, END, STEP);
        expect(r.resultType === 'matrix' ? r.series.length : -1).toBe(SERIES);
      }
    });

    it('keeps answering after a query hit the limit', () => {
      const engine = createEngine({ maxSamples: SERIES * POINTS });
      const q = store();
      expect(queryError(() => engine.rangeQuery(q, 'x', 0, END, STEP)).type).toBe('execution');
      const r = engine.rangeQuery(q, 'x{i="3"}', 0, END, STEP);
      expect(r).toEqual({
        resultType: 'matrix',
        series: [
          {
            labels: { __name__: 'x', i: '3' },
            points: Array.from({ length: POINTS }, (_, k) => ({ t: k * STEP, v: 3000 + k })),
          },
        ],
      });
    });
  });

  describe('maxSeries', () => {
    it('fails a query that selects more series with an execution error', () => {
      const engine = createEngine({ maxSeries: SERIES - 1 });
      const err = queryError(() => engine.instantQuery(store(), 'sum(x)', END));
      expect(err.type).toBe('execution');
      expect(err.message).toMatch(/too many series/);
    });

    it('counts series over all selectors of the query', () => {
      const engine = createEngine({ maxSeries: SERIES });
      const q = store();
      expect(engine.instantQuery(q, 'sum(x)', END)).toEqual({
        resultType: 'vector',
        samples: [{ labels: {}, t: END, v: 45_000 + SERIES * (POINTS - 1) }],
      });
      expect(queryError(() => engine.instantQuery(q, 'sum(x) + sum(x{i="0"})', END)).type).toBe('execution');
    });

    it('keeps answering after a query hit the limit', () => {
      const engine = createEngine({ maxSeries: 2 });
      const q = store();
      expect(queryError(() => engine.instantQuery(q, 'x', END)).type).toBe('execution');
      expect(engine.instantQuery(q, 'x{i=~"1|2"}', END)).toEqual({
        resultType: 'vector',
        samples: [
          { labels: { __name__: 'x', i: '1' }, t: END, v: 1000 + POINTS - 1 },
          { labels: { __name__: 'x', i: '2' }, t: END, v: 2000 + POINTS - 1 },
        ],
      });
    });
  });

  describe('timeout', () => {
    /**
     * Moves the (faked) clock forward by `msPerSeries` for every series the engine pulls from storage,
     * so "slow storage" is simulated without depending on how fast this machine is.
     */
    class SlowQueryable implements Queryable {
      selected = 0;

      constructor(
        private readonly inner: Queryable,
        private readonly msPerSeries: number,
      ) {}

      *select(req: SelectRequest): Iterable<StoredSeries> {
        for (const s of this.inner.select(req)) {
          this.selected++;
          jest.setSystemTime(Date.now() + this.msPerSeries);
          yield s;
        }
      }
    }

    beforeEach(() => {
      jest.useFakeTimers({ now: 1_000_000 });
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    // 1,000 series at 1 s each is 1,000 s of simulated storage time against a 60 s budget.
    let big: MemoryQueryable | undefined;
    const many = (): MemoryQueryable => (big ??= store(1000));

    it('fails a query that runs past its deadline with a timeout error', () => {
      const engine = createEngine({ timeoutMs: 60_000 });
      const slow = new SlowQueryable(many(), 1000);
      const err = queryError(() => engine.rangeQuery(slow, 'sum(rate(x[5m]))', 0, END, STEP));
      expect(err.type).toBe('timeout');
      expect(err.message).toBe('query timed out in query execution');
      // The deadline is noticed part-way through, not after reading everything.
      expect(slow.selected).toBeLessThan(1000);
    });

    it('answers the same query when the clock does not run out', () => {
      const engine = createEngine({ timeoutMs: 60_000 });
      const r = engine.instantQuery(new SlowQueryable(many(), 0), 'count(x)', END);
      expect(r).toEqual({ resultType: 'vector', samples: [{ labels: {}, t: END, v: 1000 }] });
    });

    it("applies a request's timeout when it is lower than the engine's", () => {
      // 10 s per series: the engine's hour lasts 360 series, the request's minute 6.
      const engine = createEngine({ timeoutMs: 3_600_000 });
      const slow = new SlowQueryable(many(), 10_000);
      const err = queryError(() =>
        engine.rangeQuery(slow, 'sum(rate(x[5m]))', 0, END, STEP, { timeoutMs: 60_000 }),
      );
      expect(err.type).toBe('timeout');
      // The clock is read every 256 checks (two per series here), so it stops at the first read.
      expect(slow.selected).toBeLessThan(200);
    });

    it("keeps the engine's timeout when the request asks for more", () => {
      const engine = createEngine({ timeoutMs: 60_000 });
      const slow = new SlowQueryable(many(), 1000);
      const err = queryError(() => engine.instantQuery(slow, 'count(x)', END, { timeoutMs: 3_600_000 }));
      expect(err.type).toBe('timeout');
      expect(slow.selected).toBeLessThan(1000);
    });

    it('times out at once for a timeout of zero, before reading storage', () => {
      const engine = createEngine({ timeoutMs: 60_000 });
      const slow = new SlowQueryable(many(), 0);
      const err = queryError(() => engine.instantQuery(slow, 'count(x)', END, { timeoutMs: 0 }));
      expect(err).toMatchObject({ type: 'timeout', message: 'query timed out in query execution' });
      expect(slow.selected).toBe(0);
    });

    it('answers within a generous request timeout', () => {
      const engine = createEngine({ timeoutMs: 60_000 });
      const r = engine.instantQuery(new SlowQueryable(many(), 0), 'count(x)', END, { timeoutMs: 30_000 });
      expect(r).toEqual({ resultType: 'vector', samples: [{ labels: {}, t: END, v: 1000 }] });
    });

    it('keeps answering after a query timed out (the deadline is per query)', () => {
      const engine = createEngine({ timeoutMs: 60_000 });
      const q = many();
      expect(queryError(() => engine.instantQuery(new SlowQueryable(q, 1000), 'count(x)', END)).type).toBe(
        'timeout',
      );
      // The clock is now far past the first query's deadline; a new query gets a new one.
      const r = engine.instantQuery(new SlowQueryable(q, 0), 'count(x)', END);
      expect(r).toEqual({ resultType: 'vector', samples: [{ labels: {}, t: END, v: 1000 }] });
    });
  });
});
