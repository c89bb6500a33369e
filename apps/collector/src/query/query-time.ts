import { QueryError } from './query-engine';

/**
 * The API's `time` parameter: unix seconds (fractions allowed) or RFC 3339; absent means now. Errors are
 * `bad_data` in the wording Prometheus uses.
 */
export function parseQueryTime(raw: unknown, nowMs: number): number {
  if (raw === undefined || raw === '') return nowMs;
  if (typeof raw !== 'string') {
    throw new QueryError('bad_data', 'invalid parameter "time": must be given once');
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) {
    return Math.round(Number(raw) * 1000);
  }
  // Date.parse accepts many shapes; insist on RFC 3339 so "yesterday-ish" strings are not guessed at.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(raw)) {
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new QueryError('bad_data', `invalid parameter "time": cannot parse "${raw}" to a valid timestamp`);
}
