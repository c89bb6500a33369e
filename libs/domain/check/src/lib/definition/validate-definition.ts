import type { z } from 'zod';
import { checkDefinitionSchema } from './check-definition.schema';
import type { Check } from './check-types';

/** One reason a check definition is rejected; `field` is the dotted path inside the definition (`steps.0.url`). */
export interface DefinitionIssue {
  readonly field: string;
  readonly message: string;
}

export type DefinitionResult =
  | { readonly ok: true; readonly check: Check }
  | { readonly ok: false; readonly issues: readonly DefinitionIssue[] };

/**
 * Validates one check definition (a YAML `checks:` entry or an API body) with the same schema everywhere, so the
 * API refuses exactly what a runner would refuse, with the same messages.
 */
export function validateCheckDefinition(raw: unknown): DefinitionResult {
  const parsed = checkDefinitionSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, check: parsed.data }
    : { ok: false, issues: definitionIssues(parsed.error) };
}

/** Zod issues as field + message; an unknown key is named as the field itself rather than its parent. */
export function definitionIssues(error: z.ZodError): DefinitionIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'unknown key' }));
    }
    return [{ field: path.join('.') || '(definition)', message: issue.message }];
  });
}

/** `field: message; ...`, for logs. */
export function formatDefinitionIssues(issues: readonly DefinitionIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}
