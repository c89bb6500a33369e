import { z } from 'zod';

/** The structured part of config/collector.yaml, shaped like Prometheus' scrape_configs. */
export const collectorFileSchema = z
  .object({
    scrape_configs: z
      .array(
        z
          .object({
            job_name: z.string().min(1),
          })
          .passthrough(),
      )
      .default([]),
  })
  .strict();
