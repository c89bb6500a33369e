import { z } from 'zod';
import { remoteWriteSchema } from '../remote-write/remote-write.schema';
import { isValidLabelName, parseDuration } from '@neo/domain-metric';
import { relabelConfigSchema } from './relabel.schema';
import { authorizationSchema, basicAuthSchema } from './scrape-auth.schema';

/** Milliseconds of a valid positive duration, else undefined (the field's own check reports it). */
function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    const ms = parseDuration(text);
    return ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

const isDuration = (text: string) => durationMs(text) !== undefined;

const duration = z.string().refine(isDuration, 'must be a positive duration such as 15s, 1m or 500ms');

// host:port like Prometheus' static_configs; a scheme or path here is a common mistake, so it is rejected.
const TARGET = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/;

const labelSet = z
  .record(z.string(), z.string())
  .refine(
    (labels) => Object.keys(labels).every(isValidLabelName),
    'label names must match [a-zA-Z_][a-zA-Z0-9_]*',
  )
  .default({});

const staticConfig = z
  .object({
    targets: z.array(z.string().regex(TARGET, 'must be host:port, without scheme or path')).min(1),
    labels: labelSet,
  })
  .strict();

// Prometheus' file_sd_configs: JSON or YAML files of [{targets, labels}], globs in the last path segment.
const fileSdConfig = z
  .object({
    files: z.array(z.string().min(1)).min(1),
    refresh_interval: duration.default('5m'),
  })
  .strict();

const scrapeConfig = z
  .object({
    job_name: z.string().min(1),
    scrape_interval: duration.optional(),
    scrape_timeout: duration.optional(),
    metrics_path: z.string().startsWith('/', 'must start with /').default('/metrics'),
    scheme: z.enum(['http', 'https']).default('http'),
    honor_labels: z.boolean().default(false),
    honor_timestamps: z.boolean().default(true),
    basic_auth: basicAuthSchema.optional(),
    authorization: authorizationSchema.optional(),
    static_configs: z.array(staticConfig).default([]),
    file_sd_configs: z.array(fileSdConfig).default([]),
    relabel_configs: z.array(relabelConfigSchema).default([]),
    metric_relabel_configs: z.array(relabelConfigSchema).default([]),
  })
  .strict()
  .refine((job) => !(job.basic_auth && job.authorization), {
    message: 'at most one of basic_auth and authorization may be set',
    path: ['authorization'],
  });

const globalConfig = z
  .object({
    scrape_interval: duration.default('15s'),
    scrape_timeout: duration.default('10s'),
  })
  .strict();

/** The structured part of config/collector.yaml, shaped like Prometheus' `global` and `scrape_configs`. */
export const collectorFileSchema = z
  .object({
    global: globalConfig.default({ scrape_interval: '15s', scrape_timeout: '10s' }),
    scrape_configs: z.array(scrapeConfig).default([]),
    remote_write: z.array(remoteWriteSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    // Refinements run even when a field failed, so every duration is re-read defensively.
    const globalInterval = durationMs(file.global.scrape_interval) ?? Infinity;
    if ((durationMs(file.global.scrape_timeout) ?? 0) > globalInterval) {
      ctx.addIssue({
        code: 'custom',
        path: ['global', 'scrape_timeout'],
        message: `scrape_timeout ${file.global.scrape_timeout} must not exceed scrape_interval ${file.global.scrape_interval}`,
      });
    }
    const seen = new Set<string>();
    file.scrape_configs.forEach((job, index) => {
      if (seen.has(job.job_name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['scrape_configs', index, 'job_name'],
          message: `duplicate job_name "${job.job_name}"`,
        });
      }
      seen.add(job.job_name);
      const interval =
        job.scrape_interval === undefined ? globalInterval : (durationMs(job.scrape_interval) ?? Infinity);
      // Prometheus lowers an inherited timeout to the interval, but an explicit one that is too long is an error.
      if ((durationMs(job.scrape_timeout) ?? 0) > interval) {
        ctx.addIssue({
          code: 'custom',
          path: ['scrape_configs', index, 'scrape_timeout'],
          message: `scrape_timeout ${job.scrape_timeout} must not exceed scrape_interval ${job.scrape_interval ?? file.global.scrape_interval}`,
        });
      }
    });
  });

export type CollectorFile = z.infer<typeof collectorFileSchema>;
export type ScrapeConfigEntry = CollectorFile['scrape_configs'][number];
