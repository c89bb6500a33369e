import { delayToNextSlot, scrapeOffsetMs } from './scrape-offset';
import type { ScrapeTarget } from './scrape-target';

const target = (instance: string): ScrapeTarget => ({
  labels: { job: 'neo', instance },
  job: 'neo',
  instance,
  scrapeUrl: `http://${instance}/metrics`,
  intervalMs: 5000,
  timeoutMs: 4000,
});

describe('scrape offsets', () => {
  it('is stable per target, inside the interval, and differs between targets', () => {
    const offsets = ['a:1', 'b:1', 'c:1', 'd:1'].map((i) => scrapeOffsetMs(target(i)));
    expect(offsets.map((o) => o >= 0 && o < 5000)).toEqual([true, true, true, true]);
    expect(scrapeOffsetMs(target('a:1'))).toBe(offsets[0]);
    expect(new Set(offsets).size).toBeGreaterThan(1);
  });

  it('waits until the next offset + k * interval slot', () => {
    expect(delayToNextSlot(10_000, 5000, 1000)).toBe(1000);
    expect(delayToNextSlot(11_000, 5000, 1000)).toBe(5000);
    expect(delayToNextSlot(12_500, 5000, 1000)).toBe(3500);
    expect(delayToNextSlot(0, 5000, 4999)).toBe(4999);
  });
});
