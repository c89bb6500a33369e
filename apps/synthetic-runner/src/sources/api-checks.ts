import { StoredCheckV1 } from '@neo/contracts';
import type Redis from 'ioredis';
import { formatDefinitionIssues, validateCheckDefinition, type Check } from '@neo/domain-check';

/** Redis keys shared with dashboard-api (which writes them). */
export function apiCheckKeys(keyPrefix: string): { checks: string; paused: string; catalog: string } {
  return {
    checks: `${keyPrefix}synthetic:checks`,
    paused: `${keyPrefix}synthetic:paused`,
    catalog: `${keyPrefix}synthetic:catalog`,
  };
}

export interface ApiChecks {
  readonly checks: Check[];
  /** name -> why it was rejected (validated here with the same schema as the YAML file). */
  readonly invalid: Map<string, string>;
  readonly paused: Set<string>;
  /** Changes whenever the stored definitions or the pause set change; lets callers skip a no-op reload. */
  readonly signature: string;
}

/** Reads API-made checks and the pause set from Redis; a definition that no longer validates is skipped, not fatal. */
export async function readApiChecks(redis: Redis, keyPrefix: string): Promise<ApiChecks> {
  const keys = apiCheckKeys(keyPrefix);
  const [stored, paused] = await Promise.all([redis.hgetall(keys.checks), redis.smembers(keys.paused)]);
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
  const signature = JSON.stringify([Object.entries(stored).sort(), [...paused].sort()]);
  return { checks, invalid, paused: new Set(paused), signature };
}
