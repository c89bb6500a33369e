import { parse } from 'yaml';
import { z } from 'zod';
import { isValidLabelName } from '@neo/domain-metric';
import type { TargetGroup } from '../scrape-job';

const targetFileSchema = z.array(
  z
    .object({
      targets: z.array(z.string().min(1)),
      labels: z
        .record(z.string(), z.string())
        .refine(
          (labels) => Object.keys(labels).every(isValidLabelName),
          'label names must match [a-zA-Z_][a-zA-Z0-9_]*',
        )
        .default({}),
    })
    .strict(),
);

/**
 * A file_sd file: JSON (`.json`) or YAML (`.yml`/`.yaml`), a list of `{targets, labels}`. Each group gets
 * `__meta_filepath` as Prometheus adds it. Throws with the reason when the file is not of that shape.
 */
export function parseTargetFile(path: string, content: string): TargetGroup[] {
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(content) : parse(content);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const parsed = targetFileSchema.safeParse(data ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data.map((group) => ({
    targets: group.targets,
    labels: { ...group.labels, __meta_filepath: path },
  }));
}
