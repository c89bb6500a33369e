import { context, trace, type Span } from '@opentelemetry/api';
import {
  AttributeNames,
  ExpressInstrumentation,
  ExpressLayerType,
  type ExpressInstrumentationConfig,
} from '@opentelemetry/instrumentation-express';
import { recordingNow } from './recording';
import { markFailed } from './settle-span';

type Next = (error?: unknown) => void;
interface ExpressResponse {
  once(event: 'close', listener: () => void): unknown;
  removeListener(event: 'close', listener: () => void): unknown;
}
type Handle = ((this: unknown, req: unknown, res: ExpressResponse, next: Next) => unknown) & {
  __original?: Handle;
};
interface Layer {
  handle: Handle;
  readonly name: string;
  readonly path?: string;
}
/** The instrumentation's per-layer hook: TypeScript-private, but the one place a layer's handle is wrapped. */
interface LayerPatcher {
  _applyPatch(this: unknown, layer: Layer, layerPath?: string): void;
}

/**
 * Where upstream keeps the mount paths of the routers a request is inside (its router layers push and pop
 * them), so a route's span names the whole route template. Internal to upstream, read only when present.
 */
const ROUTER_PATHS = '__ot_middlewares';

/** What Express treats as "not an error" when a layer calls `next` with it. */
const NOT_ERRORS = new Set<unknown>([undefined, null, 'route', 'router']);

/**
 * OpenTelemetry's Express instrumentation, run only where it can make a span, and cheaply where it makes one
 * per request. Upstream, every layer of every request does its bookkeeping (route path store, metadata,
 * attribute objects, argument copies, two bound closures) before looking for a span: about 15% of a small
 * route's CPU for requests that were not sampled, and about 25 µs per sampled request for one span. Here:
 * - a layer whose type is ignored (the body parsers and other middleware, by default) keeps its own handle;
 * - a route's request-handler layer runs as Express built it unless a recorded span (the server span of a
 *   sampled request) is active; inside one it gets the span upstream makes (same name and attributes), ended
 *   when the route passes the request on or the response closes;
 * - router layers keep upstream's handling, gated the same way: it keeps the mount paths routes are named by.
 */
export class SampledExpressInstrumentation extends ExpressInstrumentation {
  constructor(config: ExpressInstrumentationConfig = {}) {
    super(config);
    const instrumentLayer = (ExpressInstrumentation.prototype as unknown as LayerPatcher)._applyPatch;
    const ignored = new Set(config.ignoreLayersType ?? []);
    const span = (name: string, route: string | undefined): Span =>
      this.tracer.startSpan(name, {
        attributes: {
          'http.route': route,
          [AttributeNames.EXPRESS_NAME]: route ?? 'request handler',
          [AttributeNames.EXPRESS_TYPE]: ExpressLayerType.REQUEST_HANDLER,
        },
      });
    (this as unknown as LayerPatcher)._applyPatch = function gatedPatch(layer, layerPath) {
      instrumentLayer.call(this, layer, layerPath);
      const type = layerType(layer);
      const original = layer.handle.__original;
      // Error handlers (four arguments) are returned unwrapped, and a layer seen twice is already gated.
      if (typeof original !== 'function' || original === layer.handle) return;
      if (type === ExpressLayerType.REQUEST_HANDLER && !ignored.has(type)) {
        layer.handle = spannedRequestHandler(layer, layerPath, original, span);
      } else if (ignored.has(type) && type !== ExpressLayerType.ROUTER) {
        layer.handle = original;
      } else {
        // Routers stay instrumented even when ignored: the routes they mount need the router's path.
        layer.handle = gated(layer.handle, original);
      }
    };
  }
}

/** The type upstream gives a layer, from its name (see its getLayerMetadata). */
function layerType(layer: Layer): ExpressLayerType {
  if (layer.name === 'router') return ExpressLayerType.ROUTER;
  if (layer.name === 'bound dispatch' || layer.name === 'handle') return ExpressLayerType.REQUEST_HANDLER;
  return ExpressLayerType.MIDDLEWARE;
}

function gated(instrumented: Handle, original: Handle): Handle {
  const sampledOnly: Handle = function sampledOnly(this: unknown, req, res, next) {
    return recordingNow() ? instrumented.call(this, req, res, next) : original.call(this, req, res, next);
  };
  // A router's handle carries its state (`stack`, `params`); code that walks an app's routes reads it there.
  for (const key in original) {
    Object.defineProperty(sampledOnly, key, {
      get: () => (original as unknown as Record<string, unknown>)[key],
      set: (value: unknown) => {
        (original as unknown as Record<string, unknown>)[key] = value;
      },
    });
  }
  return sampledOnly;
}

function spannedRequestHandler(
  layer: Layer,
  layerPath: string | undefined,
  original: Handle,
  startSpan: (name: string, route: string | undefined) => Span,
): Handle {
  return function requestHandler(this: unknown, req, res, next) {
    if (!recordingNow()) return original.call(this, req, res, next);
    const route = routeOf(req, layerPath);
    const span = startSpan(layer.path ? `request handler - ${route ?? layerPath}` : 'request handler', route);
    const parent = context.active();
    let open = true;
    const end = () => {
      if (!open) return;
      open = false;
      span.end();
    };
    res.once('close', end);
    // Passing the request on ends this route's part; the next layer runs beside it, not inside it.
    const passOn: Next = (error) => {
      if (open && !NOT_ERRORS.has(error)) markFailed(span, error);
      res.removeListener('close', end);
      end();
      context.with(parent, () => next(error));
    };
    try {
      return context.with(trace.setSpan(parent, span), () => original.call(this, req, res, passOn));
    } catch (error) {
      markFailed(span, error);
      throw error;
    }
  };
}

/** The route template upstream records: the mount paths of enclosing routers, then the route's own path. */
function routeOf(req: unknown, layerPath: string | undefined): string | undefined {
  const routers = (req as Record<string, unknown>)[ROUTER_PATHS];
  if (!Array.isArray(routers) || routers.length === 0) return layerPath;
  const parts = (routers as string[]).filter((path) => path !== '/' && path !== '/*');
  return `${parts.join('')}${layerPath ?? ''}`.replace(/\/{2,}/g, '/') || undefined;
}
