import { z } from 'zod';
import { isValidTimeZone, WEEKDAYS, type MaintenanceWindow } from '../maintenance/maintenance-window';
import { duration } from './definition-fields';

const mode = z.enum(['pause', 'mute']).default('mute');

const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), {
  message: 'not a date-time (use ISO 8601, e.g. 2030-01-01T02:00:00Z)',
});

const once = z
  .object({ start: instant, end: instant, mode })
  .strict()
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: 'end must be after start',
    path: ['end'],
  })
  .transform(
    (w): MaintenanceWindow => ({
      type: 'once',
      startMs: Date.parse(w.start),
      endMs: Date.parse(w.end),
      mode: w.mode,
    }),
  );

const dayList = z.union([
  z.literal('daily').transform(() => [0, 1, 2, 3, 4, 5, 6]),
  z
    .array(z.enum(WEEKDAYS))
    .min(1)
    .transform((days) => days.map((day) => WEEKDAYS.indexOf(day))),
]);

const recurring = z
  .object({
    every: dayList,
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)'),
    duration: duration.refine((ms) => ms <= 86_400_000, 'at most 24h'),
    timezone: z.string().default('UTC').refine(isValidTimeZone, 'not an IANA time zone (e.g. Europe/Berlin)'),
    mode,
  })
  .strict()
  .transform((w): MaintenanceWindow => {
    const [hours, minutes] = w.at.split(':').map(Number);
    return {
      type: 'recurring',
      days: w.every,
      startMinute: (hours ?? 0) * 60 + (minutes ?? 0),
      durationMs: w.duration,
      timeZone: w.timezone,
      mode: w.mode,
    };
  });

/** `maintenance:` entries: one-off (`start`/`end`) or recurring (`every`, `at`, `duration`, `timezone`). */
// Picked by key rather than z.union, so an error points at the field inside the window, not at the window.
const window = z.unknown().transform((raw, ctx): MaintenanceWindow => {
  const recurs = typeof raw === 'object' && raw !== null && 'every' in raw;
  const parsed = (recurs ? recurring : once).safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({
      code: 'custom',
      message: issue.message,
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    });
  }
  return z.NEVER;
});

export const maintenanceSchema = z.array(window).default([]);
