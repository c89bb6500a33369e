/** Overall or per-dependency condition, worst last. */
export type HealthStatus = 'up' | 'degraded' | 'down';

/** One dependency's health; `critical` ones take the whole service down when they fail. */
export interface ComponentHealth {
  readonly name: string;
  readonly status: HealthStatus;
  readonly critical: boolean;
  readonly message?: string;
}
