import { ComponentHealth, HealthStatus } from './component-health';
import { rollUpHealth } from './roll-up-health';

/** One indicator's entry in a Terminus body: `status` plus whatever the indicator adds. */
export interface TerminusIndicator {
  status: string;
  [key: string]: unknown;
}

/** The JSON body @nestjs/terminus answers on a health check. */
export interface TerminusBody {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, TerminusIndicator>;
  error?: Record<string, TerminusIndicator>;
  details?: Record<string, TerminusIndicator>;
}

// `details` is the union of `info` and `error`; older or hand-written bodies may omit it.
function indicators(body: TerminusBody): Record<string, TerminusIndicator> {
  return body.details ?? { ...body.info, ...body.error };
}

/**
 * Components from a Terminus body: indicator status 'up' is up, anything else down. Without
 * `criticalNames` every component counts as critical, the safe reading when nothing says otherwise.
 */
export function componentsFromTerminus(
  body: TerminusBody,
  criticalNames?: readonly string[],
): ComponentHealth[] {
  return Object.entries(indicators(body)).map(([name, indicator]) => {
    const message = indicator['message'];
    return {
      name,
      status: indicator.status === 'up' ? 'up' : 'down',
      critical: criticalNames === undefined || criticalNames.includes(name),
      ...(typeof message === 'string' ? { message } : {}),
    };
  });
}

/**
 * ok -> up; shutting_down -> down; error -> down, unless `criticalNames` shows that only
 * non-critical components failed, which is degraded. An error with no failing indicator is down,
 * because Terminus only reports error when something failed.
 */
export function serviceStatusFromTerminus(
  body: TerminusBody,
  criticalNames?: readonly string[],
): HealthStatus {
  if (body.status === 'ok') {
    return 'up';
  }
  if (body.status === 'shutting_down') {
    return 'down';
  }
  const components = componentsFromTerminus(body, criticalNames);
  const rolled = rollUpHealth(components);
  return rolled === 'up' ? 'down' : rolled;
}
