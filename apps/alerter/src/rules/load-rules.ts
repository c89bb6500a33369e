import { ConfigError, readYamlFile, type YamlFile } from '@neo/config';
import { parseDuration } from '@neo/domain-metric';
import type { LoadedRuleGroup } from './loaded-rules';
import { ruleFileSchema, type RuleFile } from './rule-file.schema';
import { parseRuleQuery } from './rule-query';

/** Reads and validates one rule file; problems throw a ConfigError naming file, line and key. */
export function loadRuleFile(path: string, defaultIntervalMs: number): LoadedRuleGroup[] {
  const yaml = readYamlFile(path);
  return toGroups(validate(yaml), path, defaultIntervalMs);
}

/**
 * Loads every file in order. Group names must be unique across files because alert state is keyed by
 * group and rule name.
 */
export function loadRuleFiles(paths: readonly string[], defaultIntervalMs: number): LoadedRuleGroup[] {
  const groups: LoadedRuleGroup[] = [];
  const owner = new Map<string, string>();
  for (const path of paths) {
    const yaml = readYamlFile(path);
    const file = validate(yaml);
    file.groups.forEach((group, index) => {
      const first = owner.get(group.name);
      if (first !== undefined) {
        throw new ConfigError(
          yaml.locate(['groups', index, 'name']),
          `groups.${index}.name`,
          `group '${group.name}' is already defined in ${first}`,
        );
      }
      owner.set(group.name, path);
    });
    groups.push(...toGroups(file, path, defaultIntervalMs));
  }
  return groups;
}

function validate(yaml: YamlFile): RuleFile {
  const parsed = ruleFileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.map(String).join('.') || '(root)';
    throw new ConfigError(yaml.locate(issue.path), key, issue.message);
  }
  return parsed.data;
}

function toGroups(file: RuleFile, path: string, defaultIntervalMs: number): LoadedRuleGroup[] {
  return file.groups.map((group) => ({
    name: group.name,
    file: path,
    intervalMs: group.interval ? parseDuration(group.interval) : defaultIntervalMs,
    rules: group.rules.map((rule) => ({
      // The schema guarantees `alert` for every accepted rule.
      name: rule.alert ?? '',
      expr: rule.expr,
      query: parseRuleQuery(rule.expr),
      forMs: rule.for ? parseDuration(rule.for) : 0,
      keepFiringForMs: rule.keep_firing_for ? parseDuration(rule.keep_firing_for) : 0,
      labels: rule.labels ?? {},
      annotations: rule.annotations ?? {},
    })),
  }));
}
