import { z } from 'zod';
import { compileRelabelRegex, type RelabelRule } from '../scrape/relabel';

function compiles(regex: string): boolean {
  try {
    compileRelabelRegex(regex);
    return true;
  } catch {
    return false;
  }
}

/** One entry of relabel_configs / metric_relabel_configs, with Prometheus' defaults. */
export const relabelConfigSchema = z
  .object({
    action: z.enum(['replace', 'keep', 'drop', 'labelmap']).default('replace'),
    source_labels: z.array(z.string()).default([]),
    separator: z.string().default(';'),
    regex: z.string().refine(compiles, 'must be a valid regular expression').default('(.*)'),
    target_label: z.string().optional(),
    replacement: z.string().default('$1'),
  })
  .strict()
  .refine((rule) => rule.action !== 'replace' || (rule.target_label ?? '') !== '', {
    message: 'target_label is required for action replace',
    path: ['target_label'],
  });

export type RelabelConfig = z.infer<typeof relabelConfigSchema>;

/** The compiled rule the scrape path applies. */
export function toRelabelRule(config: RelabelConfig): RelabelRule {
  return {
    action: config.action,
    sourceLabels: config.source_labels,
    separator: config.separator,
    regex: compileRelabelRegex(config.regex),
    targetLabel: config.target_label ?? '',
    replacement: config.replacement,
  };
}
