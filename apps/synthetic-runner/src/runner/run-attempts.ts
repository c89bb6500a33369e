import { setTimeout as sleep } from 'node:timers/promises';
import type { Check } from '@neo/domain-check';
import { judge } from '../judging/judge';
import type { Verdict } from '../judging/verdict';
import { ProbeAborted } from '../probes/probe-aborted';
import type { Observation } from '../probes/observation';
import type { Probe } from '../probes/prober';

export interface AttemptsOutcome {
  readonly observation: Observation;
  readonly verdict: Verdict;
  readonly attempts: number;
}

/**
 * One run: an attempt, and on failure up to `retries` more after `retryBackoffMs`, doubling, each with its own
 * timeout, so a single dropped packet does not page anyone. Stops early when `signal` aborts (shutdown).
 */
export async function runAttempts(check: Check, probe: Probe, signal: AbortSignal): Promise<AttemptsOutcome> {
  let attempts = 0;
  for (;;) {
    attempts++;
    const observation = await attempt(check, probe, signal);
    const verdict = judge(check, observation);
    if (verdict.success || attempts > check.retries || signal.aborted)
      return { observation, verdict, attempts };
    try {
      await sleep(check.retryBackoffMs * 2 ** (attempts - 1), undefined, { signal });
    } catch {
      return { observation, verdict, attempts };
    }
  }
}

async function attempt(check: Check, probe: Probe, outer: AbortSignal): Promise<Observation> {
  const controller = new AbortController();
  const onOuter = (): void => controller.abort(outer.reason);
  outer.addEventListener('abort', onOuter, { once: true });
  const timer = setTimeout(() => controller.abort(ProbeAborted.timeout(check.timeoutMs)), check.timeoutMs);
  try {
    return await probe.probe(check, controller.signal);
  } catch (error) {
    return { durationMs: 0, failure: `probe failed: ${String(error)}` };
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onOuter);
  }
}
