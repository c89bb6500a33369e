import { startOffsetMs } from './schedule';

describe('startOffsetMs', () => {
  const names = ['collector-ready', 'alerter-ready', 'synthetic-runner-ready', 'dashboard-api-ready'];

  it('is stable for a name and stays inside the window', () => {
    for (const name of names) {
      const offset = startOffsetMs(name, 1000, 10_000);
      expect(offset).toBe(startOffsetMs(name, 1000, 10_000));
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(1000);
    }
  });

  it('spreads different checks apart', () => {
    expect(new Set(names.map((name) => startOffsetMs(name, 1000, 10_000))).size).toBe(names.length);
  });

  it('never waits longer than the interval, and not at all without a window', () => {
    expect(startOffsetMs('collector-ready', 60_000, 500)).toBeLessThan(500);
    expect(startOffsetMs('collector-ready', 0, 10_000)).toBe(0);
  });
});
