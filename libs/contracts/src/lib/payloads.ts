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

/** What a synthetic check probes. Widened over time; consumers must tolerate kinds they do not know. */
export const CheckKindV1 = z.enum(['http', 'tcp', 'dns', 'tls', 'journey', 'push']);
export type CheckKindV1 = z.infer<typeof CheckKindV1>;

/** A check's state after a run: degraded passes but is slower than its threshold; maintenance is muted time. */
export const CheckStateV1 = z.enum(['up', 'degraded', 'down', 'maintenance']);
export type CheckStateV1 = z.infer<typeof CheckStateV1>;

/** blackbox_exporter's HTTP phases, in seconds, summed over redirects. */
export const HttpPhasesV1 = z.object({
  resolve: z.number().nonnegative(),
  connect: z.number().nonnegative(),
  tls: z.number().nonnegative(),
  processing: z.number().nonnegative(),
  transfer: z.number().nonnegative(),
});
export type HttpPhasesV1 = z.infer<typeof HttpPhasesV1>;

/** One step of a multi-step journey. */
export const JourneyStepResultV1 = z.object({
  name: z.string().min(1),
  success: z.boolean(),
  /** False when an earlier step failed and this one is not `always: true`. */
  ran: z.boolean(),
  durationSeconds: z.number().nonnegative(),
  statusCode: z.number().int().optional(),
  error: z.string().optional(),
});
export type JourneyStepResultV1 = z.infer<typeof JourneyStepResultV1>;

/** One finished synthetic check run. Fields after `labels` are optional additions; older producers omit them. */
export const CheckResultV1 = z.object({
  checkId: z.string().min(1),
  name: z.string().min(1),
  kind: CheckKindV1,
  target: z.string().min(1),
  success: z.boolean(),
  statusCode: z.number().int().optional(),
  durationSeconds: z.number().nonnegative(),
  error: z.string().optional(),
  startedAt: z.string(),
  labels: LabelsSchema.default({}),
  state: CheckStateV1.optional(),
  phases: HttpPhasesV1.optional(),
  /** ISO time of the earliest expiry in the presented certificate chain. */
  certificateExpiry: z.string().optional(),
  dnsLookupSeconds: z.number().nonnegative().optional(),
  redirects: z.number().int().nonnegative().optional(),
  /** Every condition that failed, with the value actually seen. */
  failedConditions: z.array(z.object({ condition: z.string(), actual: z.string() })).optional(),
  steps: z.array(JourneyStepResultV1).optional(),
  failedStep: z.string().optional(),
  /** Actual start minus scheduled start. */
  latenessSeconds: z.number().nonnegative().optional(),
  /** Attempts made in this run (1 + retries used). */
  attempts: z.number().int().min(1).optional(),
  /** The check's interval: the stretch of time this result speaks for (time-based availability). */
  intervalSeconds: z.number().positive().optional(),
  /** Which runner replica produced the result. */
  runner: z.string().optional(),
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

/** A check's recent latency left its baseline (regressed) or came back (recovered). */
export const CheckRegressionV1 = z.object({
  checkId: z.string().min(1),
  name: z.string().min(1),
  state: z.enum(['regressed', 'recovered']),
  /** p95 over the recent window (last hour). */
  p95Seconds: z.number().nonnegative(),
  /** p95 over the baseline window (7 days). */
  baselineP95Seconds: z.number().nonnegative(),
  ratio: z.number().nonnegative(),
  at: z.string(),
});
export type CheckRegressionV1 = z.infer<typeof CheckRegressionV1>;

/** An API-made check was created, changed, paused, resumed or deleted; runners reload from Redis. */
export const CheckDefinitionChangedV1 = z.object({
  name: z.string().min(1),
  action: z.enum(['upsert', 'delete', 'pause', 'resume']),
  at: z.string(),
});
export type CheckDefinitionChangedV1 = z.infer<typeof CheckDefinitionChangedV1>;

/** Asks the runners to run a check now; exactly one replica takes it (a Redis lease on `requestId`). */
export const CheckCommandV1 = z.object({
  action: z.literal('run'),
  name: z.string().min(1),
  requestId: z.string().min(1),
  at: z.string(),
});
export type CheckCommandV1 = z.infer<typeof CheckCommandV1>;

/**
 * A check made through the API, as stored in Redis (`<prefix>synthetic:checks`, field = name). `definition`
 * is the same shape as one entry of the runner's YAML `checks:` list; the runner validates it fully.
 */
export const StoredCheckV1 = z.object({
  name: z.string().min(1),
  definition: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredCheckV1 = z.infer<typeof StoredCheckV1>;
