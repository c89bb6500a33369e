import { context, trace, type Attributes, type Span } from '@opentelemetry/api';
import {
  ExpressInstrumentation,
  ExpressLayerType,
  type ExpressInstrumentationConfig,
} from '@opentelemetry/instrumentation-express';
// Upstream's own route bookkeeping, so a route span's name and `http.route` are exactly what upstream records.
import {
  getActualMatchedRoute,
  getConstructedRoute,
  getLayerMetadata,
  storeLayerPath,
} from '@opentelemetry/instrumentation-express/build/src/utils';
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
}
/** The instrumentation's per-layer hook: TypeScript-private, but the one place a layer's handle is wrapped. */
interface LayerPatcher {
  _applyPatch(this: unknown, layer: Layer, layerPath?: string): void;
}

/** Upstream's request and layer types, as its route helpers take them. */
type UpstreamRequest = Parameters<typeof storeLayerPath>[0] & Parameters<typeof getActualMatchedRoute>[0];
type UpstreamLayer = Parameters<typeof getLayerMetadata>[1];

/** Where upstream's storeLayerPath keeps a request's layer paths (internal to upstream). */
const LAYER_PATHS = '__ot_middlewares';

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
 * Of upstream's options only `ignoreLayersType` is taken: the per-request hooks and name patterns
 * (`requestHook`, `spanNameHook`, `ignoreLayers`) would not apply to the route spans made here.
 */
export class SampledExpressInstrumentation extends ExpressInstrumentation {
  constructor(config: Pick<ExpressInstrumentationConfig, 'ignoreLayersType'> = {}) {
    super(config);
    const instrumentLayer = (ExpressInstrumentation.prototype as unknown as LayerPatcher)._applyPatch;
    const ignored = new Set(config.ignoreLayersType ?? []);
    const span = (name: string, attributes: Attributes): Span => this.tracer.startSpan(name, { attributes });
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
  startSpan: (name: string, attributes: Attributes) => Span,
): Handle {
  return function requestHandler(this: unknown, req, res, next) {
    if (!recordingNow()) return original.call(this, req, res, next);
    const request = req as UpstreamRequest;
    const { isLayerPathStored } = storeLayerPath(request, layerPath);
    const metadata = getLayerMetadata(
      getConstructedRoute(request),
      layer as unknown as UpstreamLayer,
      layerPath,
    );
    const span = startSpan(metadata.name, {
      'http.route': getActualMatchedRoute(request),
      ...metadata.attributes,
    });
    const parent = context.active();
    let open = true;
    const end = () => {
      if (!open) return;
      open = false;
      span.end();
    };
    res.once('close', end);
    // Passing the request on ends this route's part; the next layer runs beside it (under the same parent
    // span, with whatever else the route put in the context), not inside it.
    const passOn: Next = (error) => {
      const failed = !NOT_ERRORS.has(error);
      if (open && failed) markFailed(span, error);
      res.removeListener('close', end);
      end();
      if (!((request as { route?: unknown }).route && failed) && isLayerPathStored) {
        (request as unknown as Record<string, string[]>)[LAYER_PATHS]?.pop();
      }
      const active = context.active();
      const parentSpan = trace.getSpan(parent);
      context.with(parentSpan ? trace.setSpan(active, parentSpan) : active, () => next(error));
    };
    try {
      return context.with(trace.setSpan(parent, span), () => original.call(this, req, res, passOn));
    } catch (error) {
      markFailed(span, error);
      throw error;
    }
  };
}
