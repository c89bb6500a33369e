import type { HealthContributor } from '../health-contributor';

export interface HttpDependency {
  readonly name: string;
  readonly url: string;
  /** Statuses counted as up (default: any 2xx). */
  readonly expectStatus?: readonly number[];
  readonly timeoutMs?: number;
  /** Whether the service is unready while the dependency is down (default true). */
  readonly readiness?: boolean;
}

/** An HTTP dependency answers GET `url` with an expected status within the timeout. */
export function httpIndicator(dependency: HttpDependency): HealthContributor {
  return {
    name: dependency.name,
    readiness: dependency.readiness ?? true,
    check: async () => {
      const started = performance.now();
      const response = await fetch(dependency.url, {
        signal: AbortSignal.timeout(dependency.timeoutMs ?? 2000),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      const ok = dependency.expectStatus
        ? dependency.expectStatus.includes(response.status)
        : response.status >= 200 && response.status < 300;
      return {
        status: ok ? 'up' : 'down',
        statusCode: response.status,
        durationMs: Math.round(performance.now() - started),
        ...(ok ? {} : { message: `unexpected status ${response.status}` }),
      };
    },
  };
}
