import {
  ExpressInstrumentation,
  ExpressLayerType,
  type ExpressInstrumentationConfig,
} from '@opentelemetry/instrumentation-express';
import { recordingNow } from './recording';

type Handle = ((this: unknown, req: unknown, res: unknown, next: unknown) => unknown) & {
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

/**
 * OpenTelemetry's Express instrumentation, run only where it can make a span. Upstream, every layer of every
 * request does its bookkeeping (route path store, metadata, attribute objects) before looking for a span,
 * which cost about 15% of a small route's CPU even for requests that were not sampled. Here:
 * - a layer whose type is ignored (the body parsers and other middleware, by default) keeps its own handle:
 *   upstream would only push and pop its mount path and call it;
 * - every other layer keeps its original handle beside the instrumented one and calls the original unless a
 *   recorded span (the server span of a sampled request) is active. Route layers run after the middleware's
 *   sampling decision, so their spans and `http.route` are whole.
 */
export class SampledExpressInstrumentation extends ExpressInstrumentation {
  constructor(config: ExpressInstrumentationConfig = {}) {
    super(config);
    const instrumentLayer = (ExpressInstrumentation.prototype as unknown as LayerPatcher)._applyPatch;
    const ignored = new Set(config.ignoreLayersType ?? []);
    (this as unknown as LayerPatcher)._applyPatch = function gatedPatch(layer, layerPath) {
      instrumentLayer.call(this, layer, layerPath);
      gateLayer(layer, ignored.has(layerType(layer)));
    };
  }
}

/** The type upstream gives a layer, from its name (see its getLayerMetadata). */
function layerType(layer: Layer): ExpressLayerType {
  if (layer.name === 'router') return ExpressLayerType.ROUTER;
  if (layer.name === 'bound dispatch' || layer.name === 'handle') return ExpressLayerType.REQUEST_HANDLER;
  return ExpressLayerType.MIDDLEWARE;
}

function gateLayer(layer: Layer, ignored: boolean): void {
  const instrumented = layer.handle;
  const original = instrumented.__original;
  // Error handlers (four arguments) are returned unwrapped, and a layer seen twice is already gated.
  if (typeof original !== 'function' || original === instrumented) return;
  // Routers stay instrumented even when ignored: the routes they mount need the router's path in the store.
  if (ignored && layerType(layer) !== ExpressLayerType.ROUTER) {
    layer.handle = original;
    return;
  }
  layer.handle = function sampledOnly(this: unknown, req: unknown, res: unknown, next: unknown): unknown {
    return recordingNow() ? instrumented.call(this, req, res, next) : original.call(this, req, res, next);
  };
}
