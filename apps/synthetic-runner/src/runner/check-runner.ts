import type { CheckResultV1 } from '@neo/contracts';
import type { ProbeObservation } from '../checks/evaluate-response';
import type { HttpCheck } from '../checks/http-check';
import { toCheckResult } from './check-result';
import type { Probe } from './http-probe';
import { ProbeAborted } from './probe-aborted';
import { nextDelayMs, startOffsetMs } from './schedule';

export type ResultSink = (result: CheckResultV1) => Promise<void> | void;

export interface CheckRunnerOptions {
  readonly checks: readonly HttpCheck[];
  readonly probe: Probe;
  /** Window in which first runs are spread; see startOffsetMs. */
  readonly initialSpreadMs: number;
  /** Called with every finished run; a throw is reported to onError and does not stop the schedule. */
  readonly onResult: ResultSink;
  readonly onError?: (check: HttpCheck, error: unknown) => void;
}

interface InFlight {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

interface CheckState {
  readonly check: HttpCheck;
  timer?: NodeJS.Timeout;
  inFlight?: InFlight;
  last?: CheckResultV1;
}

/** Runs every check on its own interval and remembers each one's latest result. No Nest, no bus: see RunnerService. */
export class CheckRunner {
  private readonly states = new Map<string, CheckState>();
  private stopped = false;
  private started = false;

  constructor(private readonly options: CheckRunnerOptions) {
    for (const check of options.checks) {
      this.states.set(check.name, { check });
    }
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const state of this.states.values()) {
      const { name, intervalMs } = state.check;
      this.schedule(state, startOffsetMs(name, this.options.initialSpreadMs, intervalMs));
    }
  }

  /**
   * Stops scheduling, lets running checks finish for up to `graceMs`, then aborts the rest. Aborted runs are not
   * reported: they say nothing about the target. Safe to call twice.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    const running: InFlight[] = [];
    for (const state of this.states.values()) {
      clearTimeout(state.timer);
      state.timer = undefined;
      if (state.inFlight) running.push(state.inFlight);
    }
    if (running.length === 0) return;
    const all = Promise.all(running.map((run) => run.done));
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => {
      graceTimer = setTimeout(() => resolve('grace-over'), graceMs);
    });
    const outcome = await Promise.race([all, graceOver]);
    clearTimeout(graceTimer);
    if (outcome === 'grace-over') {
      for (const run of running) run.controller.abort(ProbeAborted.shutdown());
      await all;
    }
  }

  checks(): readonly HttpCheck[] {
    return [...this.states.values()].map((state) => state.check);
  }

  check(name: string): HttpCheck | undefined {
    return this.states.get(name)?.check;
  }

  latest(name: string): CheckResultV1 | undefined {
    return this.states.get(name)?.last;
  }

  private schedule(state: CheckState, delayMs: number): void {
    if (this.stopped) return;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const controller = new AbortController();
      const done = this.runOnce(state, controller).finally(() => (state.inFlight = undefined));
      state.inFlight = { controller, done };
    }, delayMs);
  }

  private async runOnce(state: CheckState, controller: AbortController): Promise<void> {
    const { check } = state;
    const startedAt = new Date();
    const timeout = setTimeout(
      () => controller.abort(ProbeAborted.timeout(check.timeoutMs)),
      check.timeoutMs,
    );
    const observation = await this.options.probe
      .probe(check, controller.signal)
      .catch(
        (error: unknown): ProbeObservation => ({ failure: `probe failed: ${String(error)}`, durationMs: 0 }),
      )
      .finally(() => clearTimeout(timeout));
    const reason: unknown = controller.signal.reason;
    if (!(reason instanceof ProbeAborted && reason.kind === 'shutdown')) {
      const result = toCheckResult(check, startedAt, observation);
      state.last = result;
      try {
        await this.options.onResult(result);
      } catch (error) {
        this.options.onError?.(check, error);
      }
    }
    this.schedule(state, nextDelayMs(startedAt.getTime(), check.intervalMs, Date.now()));
  }
}
