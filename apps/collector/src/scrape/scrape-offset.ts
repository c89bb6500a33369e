import { labelsFingerprint } from '@neo/domain-metric';
import type { ScrapeTarget } from './scrape-target';

/**
 * Where in its interval a target is scraped, derived from its identity like Prometheus' offset: stable across
 * restarts and spread evenly, so many targets on one interval do not all fire at the same instant.
 */
export function scrapeOffsetMs(target: ScrapeTarget): number {
  const hash = BigInt(`0x${labelsFingerprint({ ...target.labels, __address__: target.scrapeUrl })}`);
  return Number(hash % BigInt(target.intervalMs));
}

/** Delay until the next slot `offset + k * interval` strictly after `nowMs`. */
export function delayToNextSlot(nowMs: number, intervalMs: number, offsetMs: number): number {
  const phase = (((nowMs - offsetMs) % intervalMs) + intervalMs) % intervalMs;
  return phase === 0 ? intervalMs : intervalMs - phase;
}
