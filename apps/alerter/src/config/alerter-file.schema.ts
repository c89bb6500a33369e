import { z } from 'zod';
import { isValidLabelName, parseDuration } from '@neo/domain-metric';

function isPositiveDuration(text: string): boolean {
  try {
    return parseDuration(text) > 0;
  } catch {
    return false;
  }
}

const duration = z
  .string()
  .refine(isPositiveDuration, 'must be a positive duration such as 15s, 1m or 500ms');

const webhookConfig = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    send_resolved: z.boolean().default(true),
  })
  .strict();

const receiver = z
  .object({
    name: z.string().min(1),
    webhook_configs: z.array(webhookConfig).default([]),
  })
  .strict();

const route = z
  .object({
    receiver: z.string().min(1),
    group_by: z
      .array(
        z.string().refine((name) => name === '...' || isValidLabelName(name), 'must be a label name or ...'),
      )
      .default(['alertname']),
  })
  .strict();

/**
 * The structured part of config/alerter.yaml: Prometheus' `global.evaluation_interval` and `rule_files`, and
 * Alertmanager's `route` and `receivers` (only webhooks and a single route for now).
 */
export const alerterFileSchema = z
  .object({
    global: z
      .object({ evaluation_interval: duration.default('15s') })
      .strict()
      .default({ evaluation_interval: '15s' }),
    rule_files: z.array(z.string().min(1)).default([]),
    route: route.default({ receiver: 'default', group_by: ['alertname'] }),
    receivers: z.array(receiver).default([{ name: 'default', webhook_configs: [] }]),
    query_headers: z.record(z.string(), z.string()).default({}),
  })
  .strict()
  .superRefine((file, ctx) => {
    const names = new Set<string>();
    file.receivers.forEach((r, index) => {
      if (names.has(r.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['receivers', index, 'name'],
          message: `duplicate receiver '${r.name}'`,
        });
      }
      names.add(r.name);
    });
    if (!names.has(file.route.receiver)) {
      ctx.addIssue({
        code: 'custom',
        path: ['route', 'receiver'],
        message: `receiver '${file.route.receiver}' is not defined in receivers`,
      });
    }
  });

export type AlerterFile = z.infer<typeof alerterFileSchema>;
