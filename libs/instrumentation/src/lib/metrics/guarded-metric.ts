import type { CardinalityGuard } from './cardinality-guard';

type Labels = Record<string, string | number>;

/** prom-client methods whose first argument may be a label object. */
const LABELLED_METHODS = ['inc', 'dec', 'set', 'observe', 'startTimer', 'labels', 'remove'] as const;

interface Labelled {
  readonly name?: string;
  readonly labelNames?: readonly string[];
}

/**
 * Routes every label set given to a prom-client metric through the cardinality guard. Patches the instance
 * rather than subclassing so callers keep prom-client's own Counter/Gauge/Histogram types and overloads.
 */
export function guardMetric<M extends object>(metric: M, name: string, guard: CardinalityGuard): M {
  const target = metric as unknown as Record<string, (...args: unknown[]) => unknown> & Labelled;
  const labelNames = (metric as Labelled).labelNames ?? [];
  if (labelNames.length === 0) return metric;
  for (const method of LABELLED_METHODS) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = function guarded(this: unknown, ...args: unknown[]) {
      const first = args[0];
      if (first !== null && typeof first === 'object') {
        args[0] = guard.apply(name, first as Labels);
      } else if (method === 'labels' && args.length > 0) {
        // Positional label values: name them so they can be guarded, then pass them on as an object.
        const named: Labels = {};
        labelNames.forEach((label, i) => {
          if (args[i] !== undefined) named[label] = args[i] as string | number;
        });
        return original.call(this, guard.apply(name, named));
      }
      return original.apply(this, args);
    };
  }
  return metric;
}
