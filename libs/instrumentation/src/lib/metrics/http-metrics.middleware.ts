import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics-registry';

/**
 * RED metrics per route template (never the raw URL, which would explode cardinality) and status class.
 * Express fills `req.route` while routing, so labels are read when the response finishes.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration;
  private readonly requests;
  private readonly inFlight;

  constructor(@Inject(MetricsRegistry) metrics: MetricsRegistry) {
    this.duration = metrics.histogram(
      'http_request_duration_seconds',
      'HTTP request duration by method, route template and status class.',
      ['method', 'route', 'status_class'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.requests = metrics.counter('http_requests_total', 'HTTP requests served.', [
      'method',
      'route',
      'status_class',
    ]);
    this.inFlight = metrics.gauge('http_requests_in_flight', 'HTTP requests being served.');
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    this.inFlight.inc();
    res.once('close', () => {
      this.inFlight.dec();
      const labels = {
        method: req.method,
        route: routeTemplate(req),
        status_class: `${Math.floor(res.statusCode / 100)}xx`,
      };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}

/** The catch-all this middleware is mounted on; a request whose last route is this one matched no handler. */
const MIDDLEWARE_MOUNT = '/{*path}';

export function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string' && route.path !== MIDDLEWARE_MOUNT) {
    return `${req.baseUrl ?? ''}${route.path}` || '/';
  }
  return 'unmatched';
}
