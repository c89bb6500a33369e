/** `pause`: the check does not run. `mute`: it runs, but results are marked `maintenance` and left out of availability. */
export type MaintenanceMode = 'pause' | 'mute';

export type MaintenanceWindow =
  | {
      readonly type: 'once';
      readonly startMs: number;
      readonly endMs: number;
      readonly mode: MaintenanceMode;
    }
  | {
      readonly type: 'recurring';
      /** 0 = Sunday ... 6 = Saturday, in the window's time zone. */
      readonly days: readonly number[];
      /** Minutes after local midnight. */
      readonly startMinute: number;
      /** At most 24 h. */
      readonly durationMs: number;
      /** IANA name, e.g. Europe/Berlin. */
      readonly timeZone: string;
      readonly mode: MaintenanceMode;
    };

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether `timeZone` is an IANA zone Intl knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local weekday and milliseconds since local midnight of an instant in a time zone. */
function localClock(nowMs: number, timeZone: string): { day: number; msOfDay: number } {
  const parts = formatter(timeZone).formatToParts(new Date(nowMs));
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '0';
  const day = WEEKDAYS.indexOf(get('weekday').toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
  const msOfDay =
    ((Number(get('hour')) * 60 + Number(get('minute'))) * 60 + Number(get('second'))) * 1000 + (nowMs % 1000);
  return { day, msOfDay };
}

/**
 * Whether `nowMs` falls in the window. Recurring windows are wall-clock times in their zone (so 02:00 stays 02:00
 * across DST); a window that starts late in the day runs on into the next day.
 */
export function isInWindow(window: MaintenanceWindow, nowMs: number): boolean {
  if (window.type === 'once') return nowMs >= window.startMs && nowMs < window.endMs;
  const { day, msOfDay } = localClock(nowMs, window.timeZone);
  const startMs = window.startMinute * 60_000;
  const sinceToday = msOfDay - startMs;
  if (window.days.includes(day) && sinceToday >= 0 && sinceToday < window.durationMs) return true;
  const yesterday = (day + 6) % 7;
  const sinceYesterday = msOfDay + 86_400_000 - startMs;
  return window.days.includes(yesterday) && sinceYesterday < window.durationMs;
}

/** The first window `nowMs` falls in; `pause` wins over `mute` when both apply. */
export function activeMaintenance(
  windows: readonly MaintenanceWindow[],
  nowMs: number,
): MaintenanceMode | undefined {
  let mode: MaintenanceMode | undefined;
  for (const window of windows) {
    if (!isInWindow(window, nowMs)) continue;
    if (window.mode === 'pause') return 'pause';
    mode = 'mute';
  }
  return mode;
}
