import { Queryable } from '../storage/queryable';
import { QueryError } from './query-error';

/** Limits that protect the process from one expensive query. */
export interface QueryLimits {
  /** Samples loaded from storage plus points produced, over the whole query. */
  readonly maxSamples: number;
  /** Series selected from storage, over the whole query. */
  readonly maxSeries: number;
  readonly timeoutMs: number;
}

/** Per-query state: storage, the query's own start/end (for `@ start()`/`end()`), counters. */
export class EvalContext {
  private samples = 0;
  private seriesCount = 0;
  private ticks = 0;
  private readonly deadline: number;

  constructor(
    readonly queryable: Queryable,
    readonly queryStart: number,
    readonly queryEnd: number,
    readonly lookbackMs: number,
    /** Subquery resolution when none is given (Prometheus: the global evaluation interval). */
    readonly defaultStepMs: number,
    private readonly limits: QueryLimits,
    /** This query's budget: the engine's timeout or the request's, whichever is lower. */
    timeoutMs: number = limits.timeoutMs,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  addSamples(n: number): void {
    this.samples += n;
    if (this.samples > this.limits.maxSamples) {
      throw new QueryError(
        'execution',
        `query processing would load too many samples into memory in query execution (limit ${this.limits.maxSamples})`,
      );
    }
  }

  addSeries(n: number): void {
    this.seriesCount += n;
    if (this.seriesCount > this.limits.maxSeries) {
      throw new QueryError('execution', `query selects too many series (limit ${this.limits.maxSeries})`);
    }
  }

  /** Cheap enough to call per series or per step: reads the clock only every 256 calls. */
  checkDeadline(): void {
    if ((++this.ticks & 255) === 0 && Date.now() >= this.deadline) {
      throw new QueryError('timeout', 'query timed out in query execution');
    }
  }

  /** Forces a clock read (before expensive phases); a budget of zero or less fails here at once. */
  checkDeadlineNow(): void {
    if (Date.now() >= this.deadline) {
      throw new QueryError('timeout', 'query timed out in query execution');
    }
  }
}
