import { formatDuration } from '@neo/domain-metric';
import type { PushCheck } from '@neo/domain-check';
import type { Observation } from '../probes/observation';
import type { PushStore } from './push-store';

/**
 * Up while a push arrived within the last interval. Time before this runner started counts as "waiting", so a
 * fresh start does not report every push check down before its services had a chance to call.
 */
export async function pushProbe(
  check: PushCheck,
  store: PushStore,
  sinceMs: number,
  nowMs = Date.now(),
): Promise<Observation> {
  const last = await store.last(check.name);
  const reference = Math.max(last ?? 0, sinceMs);
  const silentMs = nowMs - reference;
  if (silentMs <= check.intervalMs) return { durationMs: 0 };
  const heard =
    last === undefined ? 'never' : `${formatDuration(Math.floor((nowMs - last) / 1000) * 1000)} ago`;
  return {
    durationMs: 0,
    failure: `no push within ${formatDuration(check.intervalMs)} (last push: ${heard})`,
  };
}
