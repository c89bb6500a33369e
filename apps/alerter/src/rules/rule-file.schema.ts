import { z } from 'zod';
import { isValidLabelName, isValidMetricName, parseDuration } from '@neo/domain-metric';
import { parseRuleQuery } from './rule-query';

function isDuration(text: string, allowZero: boolean): boolean {
  try {
    const ms = parseDuration(text);
    return allowZero || ms > 0;
  } catch {
    return false;
  }
}

const duration = z.string().refine((t) => isDuration(t, true), 'must be a duration such as 30s, 5m or 0');
const interval = z
  .string()
  .refine((t) => isDuration(t, false), 'must be a positive duration such as 15s or 1m');

const labelSet = z
  .record(z.string(), z.string())
  .refine(
    (labels) => Object.keys(labels).every(isValidLabelName),
    'label names must match [a-zA-Z_][a-zA-Z0-9_]*',
  );

const rule = z
  .object({
    alert: z.string().optional(),
    record: z.string().optional(),
    expr: z.union([z.string(), z.number().transform(String)]),
    for: duration.optional(),
    keep_firing_for: duration.optional(),
    labels: labelSet.optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.record !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['record'],
        message: 'recording rules are not supported yet; use alert:',
      });
      return;
    }
    if (r.alert === undefined || !isValidMetricName(r.alert)) {
      ctx.addIssue({ code: 'custom', path: ['alert'], message: 'required, a name such as TargetDown' });
    }
    try {
      parseRuleQuery(r.expr);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['expr'], message: (error as Error).message });
    }
  });

const group = z
  .object({
    name: z.string().min(1),
    interval: interval.optional(),
    rules: z.array(rule).default([]),
  })
  .strict()
  .superRefine((g, ctx) => {
    const seen = new Set<string>();
    g.rules.forEach((r, index) => {
      // State is keyed by group and alert name, so one name twice in a group would share state.
      if (r.alert !== undefined && seen.has(r.alert)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'alert'],
          message: `duplicate alert '${r.alert}' in group`,
        });
      }
      if (r.alert !== undefined) seen.add(r.alert);
    });
  });

/** A Prometheus rule file (`groups[].rules[]`), limited to alerting rules. */
export const ruleFileSchema = z.object({ groups: z.array(group).default([]) }).strict();

export type RuleFile = z.infer<typeof ruleFileSchema>;
