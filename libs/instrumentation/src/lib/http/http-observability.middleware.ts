import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { HttpMetrics } from '../metrics/http-metrics';
import { routeTemplate } from '../metrics/route-template';
import { PRE_SCRUBBED, scrubString } from '../logging/redaction';
import type { SecurityMonitor } from '../security/security-monitor';
import { startServerTrace, UNTRACED } from '../tracing/server-span';

export interface AccessLogPolicy {
  /** Log successful, fast requests too. */
  readonly all: boolean;
  /** In errors-only mode, requests at least this slow are logged anyway. */
  readonly slowMs: number;
}

/** Probes and scrapes hit these every few seconds; logging each would drown real requests. */
const QUIET_PREFIXES = ['/metrics', '/health'];

/**
 * The request path of the instrumentation, in one middleware with one listener per request: RED metrics,
 * the access log line and the security checks. Labels are read when the response ends, once Express has
 * filled `req.route`. Everything here runs per request, so it avoids closures over large state, re-computed
 * labels and log lines for probes.
 */
export function httpObservabilityMiddleware(
  metrics: HttpMetrics,
  rootLogger: Logger | undefined,
  security: SecurityMonitor | undefined,
  policy: AccessLogPolicy = { all: true, slowMs: 1000 },
) {
  const slowSeconds = policy.slowMs / 1000;
  const accessLogger = rootLogger?.child({ category: 'performance' });
  return function observe(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    metrics.inFlight++;
    // Inspected now (the body is parsed, the handler has not run), recorded at the end with the route template.
    const url = req.originalUrl ?? req.url;
    const findings = security?.inspectRequest({ method: req.method, url, body: req.body as unknown });
    const quiet = isQuiet(url);
    // Probes and scrapes every few seconds would be most of the traces and none of the insight.
    const serverTrace = quiet ? UNTRACED : startServerTrace(req.method, req.headers);
    res.on('close', () => {
      metrics.inFlight--;
      const seconds = (performance.now() - started) / 1000;
      const route = routeTemplate(req);
      const status = res.statusCode;
      const length = res.getHeader('content-length');
      const bytes = length === undefined ? undefined : Number(length);
      metrics.record(req.method, route, status, seconds, bytes);
      serverTrace.end(req.method, route, url, status);
      const securityKind = security?.kindOfStatus(status);
      const logged =
        accessLogger !== undefined && !quiet && (policy.all || status >= 400 || seconds >= slowSeconds);
      if (securityKind === undefined && (findings === undefined || findings.length === 0) && !logged) return;
      // Listeners do not inherit the request's async context; entering it puts the trace ids on these lines.
      serverTrace.run(() => {
        if (security) {
          const client = clientOf(req);
          if (securityKind)
            security.record({ kind: securityKind, method: req.method, route, client, statusCode: status });
          for (const { kind, location } of findings ?? []) {
            security.record({ kind, location, method: req.method, route, client, statusCode: status });
          }
        }
        if (logged) writeAccessLine(accessLogger, req.method, route, url, status, seconds, bytes);
      });
    });
    serverTrace.run(next);
  };
}

function writeAccessLine(
  logger: Logger,
  method: string,
  route: string,
  path: string,
  status: number,
  seconds: number,
  bytes: number | undefined,
): void {
  const line = {
    [PRE_SCRUBBED]: true,
    http: { method, route, path: scrubString(path), status },
    duration_ms: Math.round(seconds * 1e6) / 1e3,
    ...(bytes !== undefined ? { bytes } : {}),
  };
  if (status >= 500) logger.error(line, 'request failed');
  else if (status >= 400) logger.warn(line, 'request rejected');
  else logger.info(line, 'request completed');
}

function isQuiet(url: string): boolean {
  for (const prefix of QUIET_PREFIXES) if (url.startsWith(prefix)) return true;
  return false;
}

function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
