import { parseDuration, parseSelector, SelectorParseError, type LabelMatcher } from '@neo/domain-metric';
import { ApiError } from './api-error';

/** Request parameters merged from the URL and a form body; repeated keys (`match[]`) become arrays. */
export type ApiParams = Readonly<Record<string, string | readonly string[] | undefined>>;

// Prometheus' minTime/maxTime for an absent start/end: the whole range an int64 ms timestamp can hold.
export const MIN_TIME_MS = -9_223_372_036_854;
export const MAX_TIME_MS = 9_223_372_036_854;

const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** The single value of a parameter; a repeated scalar parameter is bad_data. */
export function single(params: ApiParams, name: string): string | undefined {
  const raw = params[name];
  if (raw === undefined || typeof raw === 'string') return raw === '' ? undefined : raw;
  if (raw.length > 1) throw new ApiError('bad_data', `invalid parameter "${name}": given more than once`);
  return raw[0] === '' ? undefined : raw[0];
}

/** `time`, `start`, `end`: unix seconds (fractions allowed) or RFC 3339, to ms; absent gives `fallback`. */
export function timeParam(params: ApiParams, name: string, fallback: number): number {
  const raw = single(params, name);
  if (raw === undefined) return fallback;
  if (FLOAT.test(raw)) {
    const ms = Math.round(Number(raw) * 1000);
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, MIN_TIME_MS), MAX_TIME_MS);
  }
  // Date.parse accepts many shapes; insist on RFC 3339 so ambiguous strings are not guessed at.
  if (RFC3339.test(raw)) {
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new ApiError('bad_data', `invalid parameter "${name}": cannot parse "${raw}" to a valid timestamp`);
}

/** `step` (and `timeout`): float seconds or a Prometheus duration, to ms. */
export function durationParam(params: ApiParams, name: string): number | undefined {
  const raw = single(params, name);
  if (raw === undefined) return undefined;
  if (FLOAT.test(raw)) {
    const ms = Math.round(Number(raw) * 1000);
    if (Number.isFinite(ms)) return ms;
  }
  try {
    return parseDuration(raw);
  } catch {
    throw new ApiError('bad_data', `invalid parameter "${name}": cannot parse "${raw}" to a valid duration`);
  }
}

/** Every `match[]` selector parsed; none given yields an empty list (callers decide if that is allowed). */
export function matchParams(params: ApiParams): LabelMatcher[][] {
  const raw = params['match[]'];
  const texts = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  return texts.map((text) => {
    try {
      // parseSelector also refuses what Prometheus refuses here, such as {job=~".*"} (matches everything).
      return parseSelector(text);
    } catch (error) {
      if (error instanceof SelectorParseError) {
        throw new ApiError('bad_data', `invalid parameter "match[]": ${error.message}`);
      }
      throw error;
    }
  });
}
