import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { HttpMetrics } from '../metrics/http-metrics';
import { routeTemplate } from '../metrics/route-template';
import { PRE_SCRUBBED, scrubString } from '../logging/redaction';
import type { Finding, SecurityMonitor } from '../security/security-monitor';
import { startServerTrace, UNTRACED, type ServerTrace } from '../tracing/server-span';

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

  const finish = (observed: ObservedRequest): void => {
    const { req, res } = observed;
    metrics.inFlight--;
    const seconds = (performance.now() - observed.started) / 1000;
    const route = routeTemplate(req);
    const status = res.statusCode;
    const length = res.getHeader('content-length');
    metrics.record(req.method, route, status, seconds, length === undefined ? undefined : Number(length));
    if (security) {
      const kind = security.kindOfStatus(status);
      if (kind)
        security.record({ kind, method: req.method, route, client: clientOf(req), statusCode: status });
      for (const { kind: attack, location } of observed.findings) {
        security.record({
          kind: attack,
          location,
          method: req.method,
          route,
          client: clientOf(req),
          statusCode: status,
        });
      }
    }
    const path = observed.url;
    observed.trace.end(req.method, route, path, status);
    if (accessLogger && (policy.all || status >= 400 || seconds >= slowSeconds) && !observed.quiet) {
      const line = {
        [PRE_SCRUBBED]: true,
        http: { method: req.method, route, path: scrubString(path), status },
        duration_ms: Math.round(seconds * 1e6) / 1e3,
        ...(length !== undefined ? { bytes: Number(length) } : {}),
      };
      if (status >= 500) accessLogger.error(line, 'request failed');
      else if (status >= 400) accessLogger.warn(line, 'request rejected');
      else accessLogger.info(line, 'request completed');
    }
  };

  // One listener function for every response ('close' comes once per response): no per-request closures
  // or once-wrappers, which were most of what the middleware allocated.
  function onClose(this: Response): void {
    const observed = (this as ObservedResponse)[OBSERVED];
    if (!observed) return;
    // Listeners do not inherit the request's async context; running the end inside it puts the trace ids
    // on the access and security lines.
    if (observed.trace === UNTRACED) finish(observed);
    else observed.trace.run(() => finish(observed));
  }

  return function observe(req: Request, res: Response, next: NextFunction): void {
    metrics.inFlight++;
    const url = req.originalUrl ?? req.url;
    const quiet = isQuiet(url);
    const observed: ObservedRequest = {
      req,
      res,
      started: performance.now(),
      url,
      quiet,
      // Inspected now (the body is parsed, the handler has not run), recorded at the end with the route.
      findings: security
        ? security.inspectRequest({ method: req.method, url, body: req.body as unknown })
        : NONE,
      // Probes and scrapes every few seconds would be most of the traces and none of the insight.
      trace: quiet ? UNTRACED : startServerTrace(req.method, req.headers),
    };
    (res as ObservedResponse)[OBSERVED] = observed;
    res.on('close', onClose);
    observed.trace.run(next);
  };
}

const OBSERVED = Symbol('neo.observed-request');
const NONE: readonly Finding[] = [];

interface ObservedRequest {
  readonly req: Request;
  readonly res: Response;
  readonly started: number;
  readonly url: string;
  readonly quiet: boolean;
  readonly findings: readonly Finding[];
  readonly trace: ServerTrace;
}

type ObservedResponse = Response & { [OBSERVED]?: ObservedRequest };

function isQuiet(url: string): boolean {
  for (const prefix of QUIET_PREFIXES) if (url.startsWith(prefix)) return true;
  return false;
}

function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
