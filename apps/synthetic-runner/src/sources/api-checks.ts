import { StoredCheckV1 } from '@neo/contracts';
import { formatDefinitionIssues, validateCheckDefinition, type Check } from '@neo/domain-check';

/** What an ApiCheckSource holds, as stored: name -> `StoredCheckV1` JSON, and the paused names. */
export interface StoredApiChecks {
  readonly stored: Readonly<Record<string, string>>;
  readonly paused: readonly string[];
}

export interface ApiChecks {
  readonly checks: Check[];
  /** name -> why it was rejected (validated here with the same schema as the YAML file). */
  readonly invalid: Map<string, string>;
  readonly paused: Set<string>;
}

/** Changes whenever the stored definitions or the pause set change; lets callers skip a no-op reload. */
export function signatureOf({ stored, paused }: StoredApiChecks): string {
  return JSON.stringify([Object.entries(stored).sort(), [...paused].sort()]);
}

/** Parses API-made checks; a definition that no longer validates is skipped, not fatal. */
export function parseApiChecks({ stored, paused }: StoredApiChecks): ApiChecks {
  const checks: Check[] = [];
  const invalid = new Map<string, string>();
  for (const [name, json] of Object.entries(stored)) {
    try {
      const record = StoredCheckV1.parse(JSON.parse(json));
      const result = validateCheckDefinition({ ...record.definition, name });
      if (result.ok) checks.push(result.check);
      else invalid.set(name, formatDefinitionIssues(result.issues));
    } catch (error) {
      invalid.set(name, `unreadable: ${String(error)}`);
    }
  }
  return { checks, invalid, paused: new Set(paused) };
}
