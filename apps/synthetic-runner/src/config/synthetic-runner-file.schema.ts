import { z } from 'zod';
import { checkListSchema } from '@neo/domain-check';

/** The structured part of config/synthetic-runner.yaml. */
export const syntheticRunnerFileSchema = z
  .object({
    checks: checkListSchema.default([]),
  })
  .strict();
