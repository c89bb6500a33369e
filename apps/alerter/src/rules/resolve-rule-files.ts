import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '@neo/config';

const WILDCARD = /[*?]/;

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const c of pattern) {
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Paths of the rule files named by `patterns`, relative ones resolved against `baseDir` (the config file's
 * folder), like Prometheus' `rule_files`. Wildcards (`*`, `?`) are allowed in the file name only; a glob matching
 * nothing is not an error, a missing literal path is (when the file is read).
 */
export function resolveRuleFiles(patterns: readonly string[], baseDir: string, source: string): string[] {
  const files = new Set<string>();
  patterns.forEach((pattern, index) => {
    const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
    const dir = dirname(absolute);
    const name = basename(absolute);
    if (WILDCARD.test(dir)) {
      throw new ConfigError(
        source,
        `rule_files.${index}`,
        `wildcards are only supported in the file name: '${pattern}'`,
      );
    }
    if (!WILDCARD.test(name)) {
      files.add(absolute);
      return;
    }
    const matcher = globToRegExp(name);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      entries = [];
    }
    entries
      .filter((entry) => matcher.test(entry))
      .sort()
      .forEach((entry) => files.add(join(dir, entry)));
  });
  return [...files];
}
