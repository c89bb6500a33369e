import { z } from 'zod';
import { parseDuration } from '@neo/domain-metric';

const duration = z.string().transform((text, ctx) => {
  try {
    const ms = parseDuration(text);
    if (ms > 0) return ms;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a positive duration such as 5s or 100ms' });
  return z.NEVER;
});

const queueConfig = z
  .object({
    capacity: z.number().int().positive().default(10_000),
    max_samples_per_send: z.number().int().positive().default(2_000),
    batch_send_deadline: duration.prefault('5s'),
    min_backoff: duration.prefault('30ms'),
    max_backoff: duration.prefault('5s'),
    // Prometheus retries recoverable errors forever; a bound makes a dead endpoint drop instead of stall.
    max_retries: z.number().int().min(0).optional(),
  })
  .strict();

/** One `remote_write` entry of collector.yaml, shaped like Prometheus' (a subset of its fields). */
export const remoteWriteSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    name: z.string().min(1).optional(),
    remote_timeout: duration.prefault('30s'),
    headers: z.record(z.string(), z.string()).default({}),
    basic_auth: z
      .object({
        username: z.string(),
        password: z.string().optional(),
        password_file: z.string().optional(),
      })
      .strict()
      .optional(),
    bearer_token: z.string().optional(),
    bearer_token_file: z.string().optional(),
    queue_config: queueConfig.prefault({}),
  })
  .strict()
  .refine(
    (c) => [c.basic_auth, c.bearer_token, c.bearer_token_file].filter((a) => a !== undefined).length <= 1,
    'at most one of basic_auth, bearer_token and bearer_token_file',
  );

export type RemoteWriteConfig = z.infer<typeof remoteWriteSchema>;
