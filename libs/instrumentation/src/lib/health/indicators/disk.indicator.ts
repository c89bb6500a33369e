import { statfs } from 'node:fs/promises';
import type { HealthContributor } from '../health-contributor';

/** Used share of the file system holding `path` stays under `maxUsedRatio` (default 0.95). */
export function diskIndicator(
  path: string,
  options: { maxUsedRatio?: number; name?: string } = {},
): HealthContributor {
  const maxUsed = options.maxUsedRatio ?? 0.95;
  return {
    name: options.name ?? `disk:${path}`,
    readiness: false,
    check: async () => {
      const stats = await statfs(path);
      const total = stats.blocks * stats.bsize;
      const free = stats.bavail * stats.bsize;
      const usedRatio = total > 0 ? 1 - free / total : 0;
      return {
        status: usedRatio <= maxUsed ? 'up' : 'down',
        path,
        usedRatio: Math.round(usedRatio * 1000) / 1000,
        freeBytes: free,
      };
    },
  };
}
