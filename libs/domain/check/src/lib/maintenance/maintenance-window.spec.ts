import { activeMaintenance, isInWindow, type MaintenanceWindow } from './maintenance-window';

const at = (iso: string): number => Date.parse(iso);

describe('maintenance windows', () => {
  it('covers a one-off window, end excluded', () => {
    const window: MaintenanceWindow = {
      type: 'once',
      startMs: at('2030-01-01T00:00:00Z'),
      endMs: at('2030-01-01T02:00:00Z'),
      mode: 'mute',
    };
    expect(isInWindow(window, at('2030-01-01T01:59:59Z'))).toBe(true);
    expect(isInWindow(window, at('2030-01-01T02:00:00Z'))).toBe(false);
  });

  it('reads recurring windows as wall-clock time in their zone, across DST', () => {
    // Mondays 02:00-03:00 in Berlin: 01:00Z in winter (CET), 00:00Z in summer (CEST).
    const window: MaintenanceWindow = {
      type: 'recurring',
      days: [1],
      startMinute: 120,
      durationMs: 3600_000,
      timeZone: 'Europe/Berlin',
      mode: 'pause',
    };
    expect(isInWindow(window, at('2030-01-07T01:30:00Z'))).toBe(true); // Monday, winter
    expect(isInWindow(window, at('2030-01-07T00:30:00Z'))).toBe(false);
    expect(isInWindow(window, at('2030-07-01T00:30:00Z'))).toBe(true); // Monday, summer
    expect(isInWindow(window, at('2030-07-02T00:30:00Z'))).toBe(false); // Tuesday
  });

  it('lets a late window run past midnight into the next day', () => {
    const window: MaintenanceWindow = {
      type: 'recurring',
      days: [0],
      startMinute: 23 * 60,
      durationMs: 2 * 3600_000,
      timeZone: 'UTC',
      mode: 'mute',
    };
    expect(isInWindow(window, at('2030-01-06T23:30:00Z'))).toBe(true); // Sunday
    expect(isInWindow(window, at('2030-01-07T00:30:00Z'))).toBe(true); // Monday early
    expect(isInWindow(window, at('2030-01-07T01:30:00Z'))).toBe(false);
  });

  it('prefers pause over mute', () => {
    const now = at('2030-01-01T01:00:00Z');
    const once = (mode: 'pause' | 'mute'): MaintenanceWindow => ({
      type: 'once',
      startMs: now - 1,
      endMs: now + 1,
      mode,
    });
    expect(activeMaintenance([once('mute'), once('pause')], now)).toBe('pause');
    expect(activeMaintenance([once('mute')], now)).toBe('mute');
    expect(activeMaintenance([], now)).toBeUndefined();
  });
});
