import { parseDuration } from '@neo/domain-metric';

export const DEFAULT_RANGE = '1h';
export const DEFAULT_STEP = '60s';
const MAX_RANGE_MS = 31 * 24 * 3600 * 1000;
/** Prometheus refuses a range query of more than 11,000 points per series. */
const MAX_POINTS = 11_000;

export interface DashboardParams {
  readonly rangeMs: number;
  readonly stepSeconds: number;
}

/** A query parameter that cannot be used; the controller answers 400 naming it. */
export class DashboardParamError extends Error {
  constructor(
    readonly parameter: 'range' | 'step',
    message: string,
  ) {
    super(`invalid ${parameter}: ${message}`);
  }
}

function positiveDuration(parameter: 'range' | 'step', text: string): number {
  let ms: number;
  try {
    ms = parseDuration(text.trim());
  } catch {
    throw new DashboardParamError(parameter, `'${text}' is not a duration such as 15s, 5m or 1h`);
  }
  if (!(ms > 0)) throw new DashboardParamError(parameter, 'must be greater than zero');
  return ms;
}

/** `range` and `step` query parameters (Prometheus durations), defaults 1h and 60s. */
export function parseDashboardParams(range: unknown, step: unknown): DashboardParams {
  const rangeText = typeof range === 'string' && range !== '' ? range : DEFAULT_RANGE;
  const stepText = typeof step === 'string' && step !== '' ? step : DEFAULT_STEP;
  if (range !== undefined && typeof range !== 'string') {
    throw new DashboardParamError('range', 'give it once');
  }
  if (step !== undefined && typeof step !== 'string') throw new DashboardParamError('step', 'give it once');
  const rangeMs = positiveDuration('range', rangeText);
  if (rangeMs > MAX_RANGE_MS) throw new DashboardParamError('range', 'must be at most 31d');
  const stepMs = positiveDuration('step', stepText);
  if (stepMs < 1000) throw new DashboardParamError('step', 'must be at least 1s');
  if (stepMs > rangeMs) throw new DashboardParamError('step', 'must not exceed the range');
  if (rangeMs / stepMs > MAX_POINTS) {
    throw new DashboardParamError('step', `too small for the range (more than ${MAX_POINTS} points)`);
  }
  return { rangeMs, stepSeconds: stepMs / 1000 };
}
