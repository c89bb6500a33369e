import { z } from 'zod';

/** Label sets travel as plain string maps; names are validated where they are produced. */
export const LabelsSchema = z.record(z.string(), z.string());

/** The collector's view of one scrape target, published when `up` changes. */
export const TargetHealthV1 = z.object({
  job: z.string().min(1),
  instance: z.string().min(1),
  url: z.string().min(1),
  health: z.enum(['up', 'down']),
  lastError: z.string().optional(),
  lastScrape: z.string(),
  scrapeDurationSeconds: z.number().nonnegative(),
});
export type TargetHealthV1 = z.infer<typeof TargetHealthV1>;

/** One finished synthetic check run. */
export const CheckResultV1 = z.object({
  checkId: z.string().min(1),
  name: z.string().min(1),
  kind: z.literal('http'),
  target: z.string().min(1),
  success: z.boolean(),
  statusCode: z.number().int().optional(),
  durationSeconds: z.number().nonnegative(),
  error: z.string().optional(),
  startedAt: z.string(),
  labels: LabelsSchema.default({}),
});
export type CheckResultV1 = z.infer<typeof CheckResultV1>;

/** An alert instance moving between states; `resolved` ends its life. */
export const AlertStateV1 = z.object({
  group: z.string().min(1),
  rule: z.string().min(1),
  fingerprint: z.string().min(1),
  state: z.enum(['pending', 'firing', 'resolved', 'inactive']),
  previousState: z.enum(['inactive', 'pending', 'firing']),
  labels: LabelsSchema,
  annotations: LabelsSchema,
  value: z.number(),
  activeAt: z.string(),
  firedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
});
export type AlertStateV1 = z.infer<typeof AlertStateV1>;

/** Periodic liveness beacon so dashboards learn which services exist and how they feel. */
export const ServiceHeartbeatV1 = z.object({
  service: z.string().min(1),
  instance: z.string().min(1),
  url: z.string().min(1),
  status: z.enum(['up', 'degraded', 'down']),
  startedAt: z.string(),
  bus: z.enum(['redis', 'in-process']),
  components: z
    .array(
      z.object({
        name: z.string(),
        status: z.enum(['up', 'degraded', 'down']),
        message: z.string().optional(),
      }),
    )
    .default([]),
});
export type ServiceHeartbeatV1 = z.infer<typeof ServiceHeartbeatV1>;

/**
 * A request the security middleware flagged: failed authentication (401/403), a rate-limit rejection (429) or
 * a path, query or body matching an attack pattern. Values are already redacted; `client` is the peer address.
 */
export const SecurityEventV1 = z.object({
  service: z.string().min(1),
  kind: z.enum(['auth_failure', 'forbidden', 'rate_limited', 'sql_injection', 'xss', 'path_traversal']),
  method: z.string().min(1),
  route: z.string().min(1),
  client: z.string().min(1),
  statusCode: z.number().int().optional(),
  /** Where an attack pattern matched (path, query or body). */
  location: z.enum(['path', 'query', 'body']).optional(),
  at: z.string(),
});
export type SecurityEventV1 = z.infer<typeof SecurityEventV1>;
