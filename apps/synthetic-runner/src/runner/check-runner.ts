import type { CheckResultV1 } from '@neo/contracts';
import { activeMaintenance, type Check } from '@neo/domain-check';
import { ProbeAborted } from '../probes/probe-aborted';
import type { Probe } from '../probes/prober';
import type { Coordinator } from '../scheduling/coordinator';
import { phaseOf, slotAt, slotStart } from '../scheduling/slot-clock';
import { toCheckResult } from './check-result';
import { runAttempts } from './run-attempts';
import { startOffsetMs } from './schedule';

export type ResultSink = (result: CheckResultV1) => Promise<void> | void;
export type SkipReason = 'paused' | 'maintenance' | 'not-claimed' | 'overrun';

export interface CheckRunnerOptions {
  readonly probe: Probe;
  readonly coordinator: Coordinator;
  /** After start-up each check gets one catch-up run within this window; then it follows its slots. */
  readonly initialSpreadMs: number;
  /** Called with every finished run; a throw is reported to onError and does not stop the schedule. */
  readonly onResult: ResultSink;
  readonly onError?: (check: Check, error: unknown) => void;
  /** Actual start minus scheduled start of every slot run this replica made. */
  readonly onLateness?: (check: Check, latenessMs: number) => void;
  readonly onSkip?: (check: Check, reason: SkipReason) => void;
  /** Paused through the API (shared in Redis); a paused check does not run at all. */
  readonly isPaused?: (name: string) => boolean;
  /** Stamped on results as `runner`. */
  readonly instance?: string;
  readonly random?: () => number;
}

interface InFlight {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

interface CheckState {
  check: Check;
  phaseMs: number;
  timer?: NodeJS.Timeout;
  catchUp?: NodeJS.Timeout;
  inFlight?: InFlight;
  last?: CheckResultV1;
  removed: boolean;
}

/**
 * Runs every check on wall-clock slots (see slot-clock) with jitter; a slot runs only on the replica that wins its
 * lease from the Coordinator. Keeps each check's latest result. No Nest, no bus: see RunnerService.
 */
export class CheckRunner {
  private readonly states = new Map<string, CheckState>();
  private stopped = false;
  private started = false;

  constructor(
    private readonly options: CheckRunnerOptions,
    checks: readonly Check[] = [],
  ) {
    this.setChecks(checks);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const state of this.states.values()) this.begin(state);
  }

  /** Replaces the set of checks (hot reload, API changes): new ones start, removed ones stop, changed ones adapt. */
  setChecks(checks: readonly Check[]): void {
    const wanted = new Map(checks.map((check) => [check.name, check]));
    for (const [name, state] of this.states) {
      if (!wanted.has(name)) {
        this.cancel(state);
        state.removed = true;
        this.states.delete(name);
      }
    }
    for (const check of wanted.values()) {
      const existing = this.states.get(check.name);
      if (!existing) {
        const state: CheckState = { check, phaseMs: phaseOf(check.name, check.intervalMs), removed: false };
        this.states.set(check.name, state);
        if (this.started) this.begin(state);
      } else if (existing.check !== check) {
        const intervalChanged = existing.check.intervalMs !== check.intervalMs;
        existing.check = check;
        if (intervalChanged && this.started) {
          this.cancel(existing);
          existing.phaseMs = phaseOf(check.name, check.intervalMs);
          this.scheduleSlot(existing, slotAt(Date.now(), check.intervalMs, existing.phaseMs) + 1);
        }
      }
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
      this.cancel(state);
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

  /** Runs a check now, outside its slots, if this replica wins `requestId`'s lease. Resolves when it finished. */
  async runNow(name: string, requestId: string): Promise<boolean> {
    const state = this.states.get(name);
    if (!state || this.stopped) return false;
    if (!(await this.options.coordinator.claim(`run-now:${requestId}`, 60_000))) return false;
    await this.launch(state, undefined);
    return true;
  }

  checks(): readonly Check[] {
    return [...this.states.values()].map((state) => state.check);
  }

  check(name: string): Check | undefined {
    return this.states.get(name)?.check;
  }

  latest(name: string): CheckResultV1 | undefined {
    return this.states.get(name)?.last;
  }

  // One catch-up run soon after start (the current slot may never have run), then the regular slots.
  private begin(state: CheckState): void {
    const { name, intervalMs } = state.check;
    const now = Date.now();
    const current = slotAt(now, intervalMs, state.phaseMs);
    const offset = startOffsetMs(name, this.options.initialSpreadMs, intervalMs);
    // Only while the current slot lasts: later, the next slot's own run covers it (no two runs in one interval).
    if (now + offset < slotStart(current + 1, intervalMs, state.phaseMs)) {
      state.catchUp = setTimeout(() => {
        state.catchUp = undefined;
        void this.fire(state, current, undefined);
      }, offset);
    }
    this.scheduleSlot(state, current + 1);
  }

  private scheduleSlot(state: CheckState, slot: number): void {
    if (this.stopped || state.removed) return;
    const { intervalMs, jitterMs } = state.check;
    const jitter =
      jitterMs > 0 ? Math.floor((this.options.random ?? Math.random)() * Math.min(jitterMs, intervalMs)) : 0;
    const scheduledAt = slotStart(slot, intervalMs, state.phaseMs) + jitter;
    state.timer = setTimeout(
      () => {
        state.timer = undefined;
        // Chain the next slot first: a long run must not push the schedule back.
        this.scheduleSlot(state, slot + 1);
        void this.fire(state, slot, scheduledAt);
      },
      Math.max(0, scheduledAt - Date.now()),
    );
  }

  private async fire(state: CheckState, slot: number, scheduledAt: number | undefined): Promise<void> {
    const { check } = state;
    const skip = (reason: SkipReason): void => this.options.onSkip?.(check, reason);
    if (state.inFlight) return skip('overrun');
    if (this.options.isPaused?.(check.name)) return skip('paused');
    if (activeMaintenance(check.maintenance, Date.now()) === 'pause') return skip('maintenance');
    const claimed = await this.options.coordinator.claim(`${check.name}:${slot}`, check.intervalMs * 2);
    if (!claimed) return skip('not-claimed');
    if (this.stopped || state.removed || state.inFlight) return;
    await this.launch(state, scheduledAt);
  }

  private launch(state: CheckState, scheduledAt: number | undefined): Promise<void> {
    const controller = new AbortController();
    const done = this.runOnce(state, controller, scheduledAt).finally(() => (state.inFlight = undefined));
    state.inFlight = { controller, done };
    return done;
  }

  private async runOnce(state: CheckState, controller: AbortController, scheduledAt?: number): Promise<void> {
    const { check } = state;
    const startedAt = new Date();
    const latenessMs = scheduledAt === undefined ? undefined : Math.max(0, startedAt.getTime() - scheduledAt);
    if (latenessMs !== undefined) this.options.onLateness?.(check, latenessMs);
    const muted = activeMaintenance(check.maintenance, startedAt.getTime()) === 'mute';
    const outcome = await runAttempts(check, this.options.probe, controller.signal);
    const reason: unknown = controller.signal.reason;
    if (reason instanceof ProbeAborted && reason.kind === 'shutdown') return;
    const result = toCheckResult(check, {
      startedAt,
      ...outcome,
      muted,
      ...(latenessMs !== undefined ? { latenessMs } : {}),
      ...(this.options.instance !== undefined ? { runner: this.options.instance } : {}),
    });
    if (!state.removed) state.last = result;
    try {
      await this.options.onResult(result);
    } catch (error) {
      this.options.onError?.(check, error);
    }
  }

  private cancel(state: CheckState): void {
    clearTimeout(state.timer);
    clearTimeout(state.catchUp);
    state.timer = undefined;
    state.catchUp = undefined;
  }
}
