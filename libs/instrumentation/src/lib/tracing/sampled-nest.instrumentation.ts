import { InstrumentationNodeModuleFile } from '@opentelemetry/instrumentation';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { recordingNow } from './recording';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type Create = Fn & { __original?: Fn };
interface RouterExecutionContextModule {
  RouterExecutionContext: { prototype: { create: Create } };
}

/**
 * OpenTelemetry's Nest instrumentation, run only for recorded requests. Upstream wraps every route handler in
 * two spans and two async context scopes whatever the sampling decision (about 20% of a small route's CPU),
 * and for a request the server middleware chose not to sample it roots traces of its own. Here each route
 * gets both handlers when Nest builds it — the instrumented one and Nest's own — and a request takes the
 * instrumented one only inside a recorded span, so traced requests get `Controller.method` request and
 * handler spans under their server span and the rest run as if uninstrumented.
 */
export class SampledNestInstrumentation extends NestInstrumentation {
  override getRouterExecutionContextFileInstrumentation(versions: string[]): InstrumentationNodeModuleFile {
    const upstream = super.getRouterExecutionContextFileInstrumentation(versions);
    return new InstrumentationNodeModuleFile(
      upstream.name,
      versions,
      (moduleExports: RouterExecutionContextModule, moduleVersion?: string) => {
        const patched = upstream.patch(moduleExports, moduleVersion) as RouterExecutionContextModule;
        gateCreate(patched.RouterExecutionContext.prototype);
        return patched;
      },
      (moduleExports?: RouterExecutionContextModule, moduleVersion?: string) => {
        const prototype = moduleExports?.RouterExecutionContext.prototype;
        const instrumented = prototype ? INSTRUMENTED.get(prototype.create) : undefined;
        if (prototype && instrumented) prototype.create = instrumented;
        upstream.unpatch(moduleExports, moduleVersion);
      },
    );
  }
}

/** The gated `create` back to the instrumented one it replaced, so unpatching restores upstream's state. */
const INSTRUMENTED = new WeakMap<Fn, Create>();

function gateCreate(prototype: { create: Create }): void {
  const instrumented = prototype.create;
  const original = instrumented.__original;
  if (typeof original !== 'function') return;
  const gated = function createSampledOnly(this: unknown, ...args: unknown[]): Fn {
    const traced = instrumented.apply(this, args) as Fn;
    const plain = original.apply(this, args) as Fn;
    return function handleSampledOnly(this: unknown, ...request: unknown[]): unknown {
      return recordingNow() ? traced.apply(this, request) : plain.apply(this, request);
    };
  };
  INSTRUMENTED.set(gated, instrumented);
  prototype.create = gated;
}
