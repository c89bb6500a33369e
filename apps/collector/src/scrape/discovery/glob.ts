import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Files matching a file_sd pattern. As Prometheus documents, only the last path segment may hold
 * wildcards (`*` any run of characters, `?` one character); a missing directory matches nothing.
 */
export function expandGlob(pattern: string): string[] {
  const name = basename(pattern);
  if (!/[*?]/.test(name)) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  );
  try {
    return readdirSync(dir)
      .filter((entry) => re.test(entry))
      .sort()
      .map((entry) => join(dir, entry));
  } catch {
    return [];
  }
}
