import { validateCheckDefinition, type DefinitionIssue } from '@neo/domain-check';

/**
 * A check definition as the API takes it: the same shape as one entry of the runner's YAML `checks:` list, kept as
 * written (the runners parse it themselves). Secrets belong in `${env:NAME}` / `${file:/path}` references.
 */
export interface CheckInput {
  readonly name: string;
  readonly definition: Readonly<Record<string, unknown>>;
}

export type CheckInputResult =
  | { readonly ok: true; readonly input: CheckInput }
  | { readonly ok: false; readonly issues: readonly DefinitionIssue[] };

// Names are URL path segments here (/api/checks/<name>), so the API is stricter than the YAML file.
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Validates with the runners' own schema (@neo/domain-check), so what is accepted here is what they run and what
 * is refused is refused with the message a runner would log.
 */
export function parseCheckInput(body: unknown): CheckInputResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, issues: [{ field: '(definition)', message: 'must be a JSON object' }] };
  }
  const raw = body as Record<string, unknown>;
  const issues: DefinitionIssue[] = [];
  if (typeof raw['name'] === 'string' && !NAME.test(raw['name'])) {
    issues.push({ field: 'name', message: 'letters, digits, "_", "." and "-" only (1-100)' });
  }
  const validated = validateCheckDefinition(raw);
  if (!validated.ok) issues.push(...validated.issues);
  if (issues.length > 0 || !validated.ok) return { ok: false, issues };
  // `type` written out so listings show it; the runner defaults it the same way.
  return {
    ok: true,
    input: { name: validated.check.name, definition: { ...raw, type: validated.check.kind } },
  };
}

const SECRET_KEYS = new Set(['headers', 'body', 'auth', 'token']);

/** A definition with everything that may carry a secret replaced, also inside journey steps. */
export function redactDefinition(definition: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) {
    if (SECRET_KEYS.has(key)) out[key] = '<redacted>';
    else if (key === 'steps' && Array.isArray(value)) {
      out[key] = value.map((step: unknown) =>
        typeof step === 'object' && step !== null ? redactDefinition(step as Record<string, unknown>) : step,
      );
    } else out[key] = value;
  }
  return out;
}
