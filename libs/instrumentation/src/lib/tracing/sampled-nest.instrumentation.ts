import { context, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import { InstrumentationNodeModuleFile, isWrapped } from '@opentelemetry/instrumentation';
import { AttributeNames, NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { carryMethodIdentity } from './method-identity';
import { recordingNow } from './recording';
import { endWhenSettled } from './settle-span';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type Create = (this: unknown, instance: object, callback: Fn, ...rest: unknown[]) => Fn;
interface RouterExecutionContextModule {
  RouterExecutionContext: { prototype: { create: Create } };
}
/** The request as Nest hands it over, on Express or on Fastify. */
interface NestRequest {
  readonly method?: string;
  readonly url?: string;
  readonly originalUrl?: string;
  readonly route?: { readonly path?: string };
  readonly routeOptions?: { readonly url?: string };
  readonly routerPath?: string;
}

/**
 * OpenTelemetry's Nest instrumentation with its request spans made only for recorded requests, and made
 * cheaply. Upstream wraps every route handler in two `async` scopes whatever the sampling decision (about 20%
 * of a small route's CPU); gating that by sampling still left a sampled request paying about 45 µs for its two
 * spans, most of it in the wrappers rather than in the spans. Here each route gets one handler; a request
 * outside a recorded span runs it as Nest built it, and a recorded one gets the same two spans upstream makes
 * — `Controller.method` (type request_context) around Nest's pipeline of guards, pipes and interceptors, and
 * `method` (type handler) around the controller method — with the same names and attributes, ended when
 * their promise settles. The application-creation span stays upstream's.
 */
export class SampledNestInstrumentation extends NestInstrumentation {
  override getRouterExecutionContextFileInstrumentation(versions: string[]): InstrumentationNodeModuleFile {
    const upstream = super.getRouterExecutionContextFileInstrumentation(versions);
    return new InstrumentationNodeModuleFile(
      upstream.name,
      versions,
      (moduleExports: RouterExecutionContextModule, moduleVersion?: string) => {
        const prototype = moduleExports.RouterExecutionContext.prototype;
        if (isWrapped(prototype.create)) this._unwrap(prototype, 'create');
        this._wrap(prototype, 'create', (original: Create) =>
          tracedCreate(original, () => this.tracer, moduleVersion ?? 'unknown'),
        );
        return moduleExports;
      },
      (moduleExports?: RouterExecutionContextModule) => {
        if (moduleExports) this._unwrap(moduleExports.RouterExecutionContext.prototype, 'create');
      },
    );
  }
}

/** Attributes every span of this instrumentation carries, as upstream sets them. */
function commonAttributes(version: string, type: string): Attributes {
  return {
    ...NestInstrumentation.COMMON_ATTRIBUTES,
    [AttributeNames.VERSION]: version,
    [AttributeNames.TYPE]: type,
  };
}

function tracedCreate(original: Create, tracerOf: () => Tracer, version: string): Create {
  return function createTraced(this: unknown, instance, callback, ...rest) {
    const controller = instance.constructor?.name || 'UnnamedInstance';
    const method = callback.name;
    const handle = original.call(this, instance, tracedCallback(callback, tracerOf, version), ...rest);
    const spanName = method ? `${controller}.${method}` : controller;
    const fixed = {
      ...commonAttributes(version, 'request_context'),
      [AttributeNames.CONTROLLER]: controller,
      [AttributeNames.CALLBACK]: method,
    };
    return function handleRequest(this: unknown, ...args: unknown[]): unknown {
      if (!recordingNow()) return handle.apply(this, args);
      const request = (args[0] ?? {}) as NestRequest;
      const span = tracerOf().startSpan(spanName, {
        attributes: {
          ...fixed,
          'http.route': request.route?.path || request.routeOptions?.url || request.routerPath,
          'http.request.method': request.method,
          'url.full': request.originalUrl || request.url,
        },
      });
      return context.with(trace.setSpan(context.active(), span), () =>
        endWhenSettled(span, () => handle.apply(this, args)),
      );
    };
  };
}

/**
 * The controller method wrapped for its `handler` span. Nest reads guards, pipes, interceptors and route
 * metadata from the function it is given, so the wrapper carries the method's name and metadata.
 */
function tracedCallback(callback: Fn, tracerOf: () => Tracer, version: string): Fn {
  // Nest builds a request-scoped controller's handler per request: wrap (and copy metadata) once per method.
  const cached = TRACED_CALLBACKS.get(callback);
  if (cached) return cached;
  const spanName = callback.name || 'anonymous nest handler';
  const options = {
    attributes: { ...commonAttributes(version, 'handler'), [AttributeNames.CALLBACK]: callback.name },
  };
  const traced = function handler(this: unknown, ...args: unknown[]): unknown {
    if (!recordingNow()) return callback.apply(this, args);
    const span = tracerOf().startSpan(spanName, options);
    return context.with(trace.setSpan(context.active(), span), () =>
      endWhenSettled(span, () => callback.apply(this, args)),
    );
  };
  carryMethodIdentity(callback, traced);
  TRACED_CALLBACKS.set(callback, traced);
  return traced;
}

const TRACED_CALLBACKS = new WeakMap<Fn, Fn>();
