import { z } from 'zod';
import { formatDuration } from '@neo/domain-metric';
import { ConditionSyntaxError } from '../conditions/condition-syntax-error';
import { parseCondition } from '../conditions/parse-condition';
import { parseStoreExpression } from '../conditions/store-expression';
import { DNS_RECORD_TYPES, type Check } from './check-types';
import { auth, duration, httpUrl, ipFamily, labelName, method, port, statusCode } from './definition-fields';
import { maintenanceSchema } from './maintenance.schema';
import { toCheck } from './to-check';

const common = {
  name: z.string().trim().min(1, 'must not be empty'),
  interval: duration.default(30_000),
  timeout: duration.default(10_000),
  labels: z.record(labelName, z.string()).default({}),
  conditions: z.array(z.string()).default([]),
  retries: z.number().int().min(0).max(10).default(0),
  retry_backoff: duration.default(1000),
  jitter: duration.optional(),
  degraded_after: duration.optional(),
  maintenance: maintenanceSchema,
};

const request = {
  url: httpUrl,
  method: method.default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  auth: auth.optional(),
  follow_redirects: z.boolean().default(true),
  max_redirects: z.number().int().min(0).max(30).default(10),
  tls_verify: z.boolean().default(true),
  ip_family: ipFamily.default('any'),
};

const step = z
  .object({
    name: z.string().trim().min(1, 'must not be empty'),
    ...request,
    conditions: z.array(z.string()).default([]),
    store: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'not a variable name'), z.string()).default({}),
    always: z.boolean().default(false),
  })
  .strict();

const http = z
  .object({
    type: z.literal('http'),
    ...common,
    ...request,
    expected_status: z.union([statusCode, z.array(statusCode).min(1)]).optional(),
    max_latency: duration.optional(),
  })
  .strict();

const tcp = z
  .object({
    type: z.literal('tcp'),
    ...common,
    host: z.string().min(1),
    port,
    ip_family: ipFamily.default('any'),
  })
  .strict();

const dns = z
  .object({
    type: z.literal('dns'),
    ...common,
    query: z.string().min(1),
    record_type: z.enum(DNS_RECORD_TYPES).default('A'),
    server: z.string().regex(/^[^\s]+$/, 'must be host or host:port'),
    expected_answers: z.array(z.string()).optional(),
    expected_rcode: z
      .string()
      .transform((text) => text.toUpperCase())
      .default('NOERROR'),
  })
  .strict();

const tls = z
  .object({
    type: z.literal('tls'),
    ...common,
    host: z.string().min(1),
    port: port.default(443),
    server_name: z.string().optional(),
    tls_verify: z.boolean().default(true),
    min_validity: duration.optional(),
  })
  .strict();

const journey = z.object({ type: z.literal('journey'), ...common, steps: z.array(step).min(1) }).strict();

const push = z
  .object({ type: z.literal('push'), ...common, token: z.string().min(8, 'at least 8 characters') })
  .strict();

/** The parsed YAML shape of one check, before it becomes a runtime Check. */
export type CheckDefinition = z.infer<typeof definitionUnion>;
export type StepDefinition = z.infer<typeof step>;

const definitionUnion = z.discriminatedUnion('type', [http, tcp, dns, tls, journey, push]);

// `type` may be left out: a check without one is HTTP, as before types existed.
function defaultType(raw: unknown): unknown {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('type' in raw)) {
    return { type: 'http', ...raw };
  }
  return raw;
}

/** One entry of `checks:` in the YAML file (or one API-made check), with the defaults documented in the README. */
export const checkDefinitionSchema = z
  .preprocess(defaultType, definitionUnion)
  .superRefine((check, ctx) => {
    if (check.timeout >= check.interval) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeout'],
        message: `must be shorter than interval (${formatDuration(check.timeout)} >= ${formatDuration(check.interval)})`,
      });
    }
    checkConditions(check.name, check.conditions, [], ctx);
    if (check.type === 'http') checkBody(check, [], ctx);
    if (check.type === 'journey') {
      check.steps.forEach((s, index) => {
        checkConditions(check.name, s.conditions, ['steps', index], ctx);
        checkBody(s, ['steps', index], ctx);
        for (const [name, expression] of Object.entries(s.store)) {
          syntax(
            check.name,
            `store "${name}"`,
            expression,
            () => parseStoreExpression(expression),
            ['steps', index, 'store', name],
            ctx,
          );
        }
      });
    }
  })
  .transform((definition): Check => toCheck(definition));

/** The `checks:` list; names must be unique because results, metrics and the API are keyed by them. */
export const checkListSchema = z.array(checkDefinitionSchema).superRefine((checks, ctx) => {
  const seen = new Map<string, number>();
  checks.forEach((check, index) => {
    const first = seen.get(check.name);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `duplicate check name "${check.name}" (also used by checks[${first}])`,
      });
    } else {
      seen.set(check.name, index);
    }
  });
});

type Path = (string | number)[];

function checkConditions(name: string, conditions: readonly string[], at: Path, ctx: z.RefinementCtx): void {
  conditions.forEach((text, index) =>
    syntax(name, 'condition', text, () => parseCondition(text), [...at, 'conditions', index], ctx),
  );
}

function syntax(
  name: string,
  what: string,
  text: string,
  parse: () => unknown,
  path: Path,
  ctx: z.RefinementCtx,
): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError)) throw error;
    ctx.addIssue({
      code: 'custom',
      path,
      message: `check "${name}": ${what} "${text}" does not parse at position ${error.position}: ${error.reason}`,
    });
  }
}

function checkBody(request: { method: string; body?: string }, at: Path, ctx: z.RefinementCtx): void {
  if (request.body !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'body'],
      message: `a ${request.method} request cannot have a body`,
    });
  }
}
