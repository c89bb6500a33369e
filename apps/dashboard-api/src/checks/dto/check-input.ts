import { z } from 'zod';

/**
 * A check definition as the API takes it: the same shape as one entry of the runner's YAML `checks:` list. Only
 * the envelope is checked here; the runners validate the rest with the full schema (and skip, logging why, a
 * definition that fails). Secrets belong in `${env:NAME}` / `${file:/path}` references.
 */
export const CheckInput = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, "_", "." and "-" only (1-100)'),
    type: z.enum(['http', 'tcp', 'dns', 'tls', 'journey', 'push']).default('http'),
    interval: z.string().optional(),
    timeout: z.string().optional(),
  })
  .loose();
export type CheckInput = z.infer<typeof CheckInput>;

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
