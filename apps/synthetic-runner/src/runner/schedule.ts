/**
 * Where in the start-up window a check first runs: a stable hash of its name, so checks are spread out the
 * same way on every start and on every replica, instead of all firing at once.
 */
export function startOffsetMs(name: string, spreadMs: number, intervalMs: number): number {
  const window = Math.min(spreadMs, intervalMs);
  return window <= 0 ? 0 : fnv1a32(name) % window;
}

/**
 * Delay until the next run, keeping a fixed rate from the previous start; a run that overran its interval is
 * followed immediately rather than piling up missed runs.
 */
export function nextDelayMs(lastStartMs: number, intervalMs: number, nowMs: number): number {
  return Math.max(0, lastStartMs + intervalMs - nowMs);
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
