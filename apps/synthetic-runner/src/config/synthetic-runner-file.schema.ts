import { z } from 'zod';
import { checkListSchema } from '../checks/check-definition.schema';

/** The structured part of config/synthetic-runner.yaml. */
export const syntheticRunnerFileSchema = z
  .object({
    checks: checkListSchema.default([]),
  })
  .strict();
