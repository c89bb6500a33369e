import type { PathSegment } from './condition';

/** Follows `.key` / `[index]` segments through parsed JSON; undefined when any step is missing. */
export function followPath(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if ('index' in segment) {
      if (!Array.isArray(current)) return undefined;
      current = current[segment.index];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[segment.key];
    }
    if (current === undefined) return undefined;
  }
  return current;
}
