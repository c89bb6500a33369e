/** What a run observed, as conditions see it. Absent fields resolve to "missing" values, never throw. */
export interface ConditionContext {
  readonly statusCode?: number;
  readonly responseTimeMs: number;
  readonly body?: string;
  /** Lower-case header names. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Absolute expiry (epoch ms) of the earliest certificate in the chain. */
  readonly certificateExpiresAtMs?: number;
  readonly nowMs: number;
  readonly connected?: boolean;
  readonly ip?: string;
  readonly dnsRcode?: string;
}
