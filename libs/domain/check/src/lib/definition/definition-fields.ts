import { z } from 'zod';
import { isValidLabelName, parseDuration } from '@neo/domain-metric';
import { HTTP_METHODS } from './check-types';

/** A Prometheus duration string (`10s`, `500ms`, `1m30s`) as milliseconds, greater than zero. */
export const duration = z.string().transform((text, ctx) => {
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

/** `{{var}}` placeholders are allowed in journey URLs, so only the scheme and a host are checked. */
export const httpUrl = z
  .string()
  .refine(isHttpUrl, { message: 'must be an absolute http:// or https:// URL' });

export const method = z
  .string()
  .transform((text) => text.toUpperCase())
  .pipe(z.enum(HTTP_METHODS, { message: `must be one of ${HTTP_METHODS.join(', ')}` }));

export const statusCode = z.number().int().min(100).max(599);

export const labelName = z
  .string()
  .refine(isValidLabelName, { message: 'not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)' });

export const port = z.number().int().min(1).max(65535);

export const ipFamily = z.enum(['any', 'ipv4', 'ipv6']);

export const auth = z.union([
  z.object({ basic: z.object({ username: z.string(), password: z.string() }).strict() }).strict(),
  z.object({ bearer: z.string().min(1) }).strict(),
]);

function isHttpUrl(text: string): boolean {
  // A template may stand for the host; check the shape with placeholders filled in.
  const filled = text.replace(/\{\{\s*[\w.-]+\s*\}\}/g, 'x');
  try {
    const url = new URL(filled);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
