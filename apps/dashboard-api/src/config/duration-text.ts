import { z } from 'zod';
import { parseDuration } from '@neo/domain-metric';

/**
 * A Prometheus duration kept as text (`15s`, `1m30s`) in config, so the default reads like the YAML; the app
 * converts it with `parseDuration` where it is wired. Zero is refused: every use is a period or a timeout.
 */
export const durationText = z
  .string()
  .trim()
  .refine((text) => {
    try {
      return parseDuration(text) > 0;
    } catch {
      return false;
    }
  }, 'must be a positive duration such as 15s, 1m or 1m30s');
