/** A text is not a valid Prometheus duration. */
export class DurationParseError extends Error {
  override readonly name = 'DurationParseError';

  constructor(readonly text: string) {
    super(`not a valid duration string: "${text}"`);
  }
}

const MS = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
type Unit = keyof typeof MS;
const UNITS: readonly Unit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
// Same shape as Prometheus' model.ParseDuration: each unit at most once, in descending order.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Prometheus duration (`1m30s`, `500ms`, `2h`, `1w`, `1y` = 365d, `0`) to milliseconds. */
export function parseDuration(text: string): number {
  if (text === '0') {
    return 0;
  }
  const match = text === '' ? null : DURATION.exec(text);
  if (!match) {
    throw new DurationParseError(text);
  }
  let total = 0;
  UNITS.forEach((unit, i) => {
    const amount = match[i + 1];
    if (amount !== undefined) {
      total += Number(amount) * MS[unit];
    }
  });
  if (!Number.isSafeInteger(total)) {
    throw new DurationParseError(text);
  }
  return total;
}

/**
 * Milliseconds to the shortest Prometheus duration text, as model.Duration.String: years and weeks
 * only when they divide exactly (`90d` reads better than `12w6d`), 0 -> `0s`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`duration must be a non-negative integer of milliseconds, got ${ms}`);
  }
  if (ms === 0) {
    return '0s';
  }
  let rest = ms;
  let text = '';
  for (const unit of UNITS) {
    const size = MS[unit];
    if ((unit === 'y' || unit === 'w') && rest % size !== 0) {
      continue;
    }
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
