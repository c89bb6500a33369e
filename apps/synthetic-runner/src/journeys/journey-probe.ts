import { performance } from 'node:perf_hooks';
import type { JourneyStepResultV1 } from '@neo/contracts';
import { parseStoreExpression, type JourneyCheck, type JourneyStep } from '@neo/domain-check';
import { judgeHttp } from '../judging/judge-http';
import { describeError } from '../probes/describe-error';
import { httpExchange } from '../probes/http-exchange';
import type { NetworkPolicy } from '../probes/network-policy';
import type { Observation } from '../probes/observation';
import { extract } from './extract';
import { substituteRequest } from './substitute';

/**
 * Runs the steps in order with one variable context. After the first failure only `always: true` steps run
 * (clean-up); the observation names the first failing step and carries every step's outcome.
 */
export async function journeyProbe(
  check: JourneyCheck,
  signal: AbortSignal,
  policy: NetworkPolicy,
): Promise<Observation> {
  const started = performance.now();
  const vars = new Map<string, string>();
  const steps: JourneyStepResultV1[] = [];
  let failedStep: string | undefined;
  let failure: string | undefined;
  for (const step of check.steps) {
    if (failedStep !== undefined && !step.always) {
      steps.push({ name: step.name, success: false, ran: false, durationSeconds: 0 });
      continue;
    }
    const outcome = await runStep(step, vars, signal, policy);
    steps.push(outcome.result);
    if (!outcome.result.success && failedStep === undefined) {
      failedStep = step.name;
      failure = `step "${step.name}" failed: ${outcome.result.error ?? 'unknown'}`;
    }
  }
  return {
    durationMs: performance.now() - started,
    steps,
    ...(failedStep !== undefined ? { failedStep, failure } : {}),
  };
}

async function runStep(
  step: JourneyStep,
  vars: Map<string, string>,
  signal: AbortSignal,
  policy: NetworkPolicy,
): Promise<{ result: JourneyStepResultV1 }> {
  const started = performance.now();
  let observed: Observation;
  try {
    observed = await httpExchange(substituteRequest(step.request, vars), signal, policy);
  } catch (error) {
    return { result: stepResult(step, started, false, undefined, describeError(error, signal)) };
  }
  const verdict = judgeHttp(
    {
      conditions: step.conditions,
      ...(step.conditions.length === 0 ? { expectedStatus: '2xx' as const } : {}),
    },
    observed,
  );
  let error = verdict.error;
  if (verdict.success) {
    for (const [name, text] of Object.entries(step.store)) {
      const value = extract(parseStoreExpression(text), observed);
      if (value === undefined) {
        error = `could not extract "${name}" from ${text}`;
        break;
      }
      vars.set(name, value);
    }
  }
  return { result: stepResult(step, started, error === undefined, observed.statusCode, error) };
}

function stepResult(
  step: JourneyStep,
  startedMs: number,
  success: boolean,
  statusCode: number | undefined,
  error: string | undefined,
): JourneyStepResultV1 {
  return {
    name: step.name,
    success,
    ran: true,
    durationSeconds: Math.round((performance.now() - startedMs) * 1000) / 1e6,
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}
