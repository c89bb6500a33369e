import type { Request } from 'express';

/** The catch-all the library's middleware is mounted on; a request whose last route is this matched no handler. */
const MIDDLEWARE_MOUNT = '/{*path}';

// Route objects live as long as the app, so their template is computed once, not per request.
const templates = new WeakMap<object, string>();

/** The route template (`/stories/:id`), never the raw URL, or `unmatched` when no handler took the request. */
export function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  const path = route?.path;
  if (!route || typeof path !== 'string' || path === MIDDLEWARE_MOUNT) return 'unmatched';
  const baseUrl = req.baseUrl ?? '';
  if (baseUrl !== '') return `${baseUrl}${path}` || '/';
  let template = templates.get(route);
  if (template === undefined) {
    template = path || '/';
    templates.set(route, template);
  }
  return template;
}
