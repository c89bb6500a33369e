import type { Instrumentation } from '@opentelemetry/instrumentation';
import { createRequire } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';

/** The parts of OpenTelemetry's InstrumentationBase this reaches: TypeScript-private, stable across 0.2xx. */
interface ModuleFile {
  readonly name: string;
  moduleExports?: unknown;
}
interface ModuleDefinition {
  readonly name: string;
  moduleExports?: unknown;
  readonly files: readonly ModuleFile[];
}
interface InstrumentationInternals {
  readonly _modules?: readonly ModuleDefinition[];
  _onRequire?(definition: ModuleDefinition, exports: unknown, name: string, baseDir?: string): unknown;
}

/**
 * Applies the instrumentations to packages that were loaded before `setupTracing` ran. The instrumentations
 * patch a package as Node loads it, but `import { setupTracing } from '@neo/instrumentation'` loads the
 * library, and with it `@nestjs/core` (and ioredis, when used), before setupTracing can start: Nest's route
 * handlers would never get their spans. Their patches wrap prototype methods in place, which works as well
 * after the fact as long as it happens before the app builds its routes and clients, as it does here. Node's
 * own modules are left to the require hook, which patches them on their next `require`.
 */
export function patchPreloaded(instrumentations: readonly Instrumentation[]): void {
  // Packages are resolved as the service's entry script would resolve them (webpack bundles rewrite
  // `require.main`), else from the working directory.
  const entry = process.argv[1];
  const loaders = [...(entry ? [createRequire(entry)] : []), createRequire(join(process.cwd(), 'index.js'))];
  for (const instrumentation of instrumentations) {
    const internals = instrumentation as unknown as InstrumentationInternals;
    const onRequire = internals._onRequire;
    if (typeof onRequire !== 'function') continue;
    for (const definition of internals._modules ?? []) {
      const load = loaders.find((candidate) => packageDir(candidate, definition.name) !== undefined);
      const baseDir = load && packageDir(load, definition.name);
      if (load === undefined || baseDir === undefined) continue;
      const main = cached(load, definition.name);
      if (main !== undefined && definition.moduleExports === undefined) {
        onRequire.call(instrumentation, definition, main.exports, definition.name, baseDir);
      }
      for (const file of definition.files) {
        if (file.moduleExports !== undefined) continue;
        const loaded = load.cache[join(baseDir, relative(definition.name, normalize(file.name)))];
        if (loaded)
          onRequire.call(instrumentation, definition, loaded.exports, normalize(file.name), baseDir);
      }
    }
  }
}

/** The package's directory, or undefined for Node's own modules and packages that are not installed. */
function packageDir(load: NodeRequire, name: string): string | undefined {
  try {
    return dirname(load.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function cached(load: NodeRequire, name: string): NodeModule | undefined {
  try {
    return load.cache[load.resolve(name)];
  } catch {
    return undefined;
  }
}
