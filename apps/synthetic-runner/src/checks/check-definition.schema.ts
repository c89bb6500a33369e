import { z } from 'zod';
import { formatDuration, isValidLabelName, parseDuration } from '@neo/domain-metric';
import { HTTP_METHODS, type HttpCheck, type HttpMethod } from './http-check';

/** A Prometheus duration string (`10s`, `500ms`, `1m30s`) as milliseconds, greater than zero. */
const duration = z.string().transform((text, ctx) => {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a valid duration "${text}" (use e.g. 500ms, 10s, 1m30s)` });
    return z.NEVER;
  }
  if (ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be longer than 0' });
    return z.NEVER;
  }
  return ms;
});

const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an absolute http:// or https:// URL' });

const method = z
  .string()
  .transform((text) => text.toUpperCase())
  .pipe(z.enum(HTTP_METHODS, { message: `must be one of ${HTTP_METHODS.join(', ')}` }));

const statusCode = z.number().int().min(100).max(599);

const labelName = z
  .string()
  .refine(isValidLabelName, { message: 'not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)' });

/** One entry of `checks:` in the YAML file, with the defaults documented in the README. */
export const checkDefinitionSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty'),
    url: httpUrl,
    method: method.default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().optional(),
    interval: duration.default(30_000),
    timeout: duration.default(10_000),
    expected_status: z.union([statusCode, z.array(statusCode).min(1)]).optional(),
    max_latency: duration.optional(),
    labels: z.record(labelName, z.string()).default({}),
  })
  .strict()
  .superRefine((check, ctx) => {
    if (check.timeout >= check.interval) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeout'],
        message: `must be shorter than interval (${formatDuration(check.timeout)} >= ${formatDuration(check.interval)})`,
      });
    }
    if (check.body !== undefined && (check.method === 'GET' || check.method === 'HEAD')) {
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `a ${check.method} request cannot have a body`,
      });
    }
  })
  .transform(toHttpCheck);

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

interface ParsedDefinition {
  name: string;
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  interval: number;
  timeout: number;
  expected_status?: number | number[];
  max_latency?: number;
  labels: Record<string, string>;
}

function toHttpCheck(check: ParsedDefinition): HttpCheck {
  const expected = check.expected_status;
  return {
    name: check.name,
    url: check.url,
    method: check.method,
    headers: check.headers,
    ...(check.body !== undefined ? { body: check.body } : {}),
    intervalMs: check.interval,
    timeoutMs: check.timeout,
    expectedStatus: expected === undefined ? '2xx' : Array.isArray(expected) ? expected : [expected],
    ...(check.max_latency !== undefined ? { maxLatencyMs: check.max_latency } : {}),
    labels: check.labels,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
