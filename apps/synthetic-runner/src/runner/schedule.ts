import { fnv1a32 } from '../scheduling/slot-clock';

/**
 * Where in the start-up window a check's catch-up run happens: a stable hash of its name, so checks are spread
 * out the same way on every start and on every replica, instead of all firing at once.
 */
export function startOffsetMs(name: string, spreadMs: number, intervalMs: number): number {
  const window = Math.min(spreadMs, intervalMs);
  return window <= 0 ? 0 : fnv1a32(name) % window;
}
