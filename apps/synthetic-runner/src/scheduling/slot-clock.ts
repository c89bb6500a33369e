/**
 * Wall-clock slots shared by every replica: check `name` runs at `phase + k * interval` (ms since the epoch),
 * where the phase is a stable hash of the name. Replicas agree on slot numbers without talking, and checks with
 * the same interval are spread evenly across it instead of firing together.
 */
export function phaseOf(name: string, intervalMs: number): number {
  return fnv1a32(name) % intervalMs;
}

/** The slot whose nominal start is at or before `nowMs`. */
export function slotAt(nowMs: number, intervalMs: number, phaseMs: number): number {
  return Math.floor((nowMs - phaseMs) / intervalMs);
}

export function slotStart(slot: number, intervalMs: number, phaseMs: number): number {
  return slot * intervalMs + phaseMs;
}

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
