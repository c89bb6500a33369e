import { trace, type Attributes, type AttributeValue } from '@opentelemetry/api';
import { carryMethodIdentity } from './method-identity';
import { endWhenSettled } from './settle-span';

export interface TracedOptions {
  /** Span name; default `ClassName.method`. */
  readonly name?: string;
  /**
   * Span attributes from the arguments: a map of attribute name to argument index, or a function of the
   * arguments. Off by default: arguments may hold personal data.
   */
  readonly attributes?: Readonly<Record<string, number>> | ((...args: unknown[]) => Attributes);
}

const tracer = () => trace.getTracer('@neo/instrumentation');

/**
 * Runs the method in its own active span (sync or async), records a thrown error on the span and marks it
 * failed. Cheap when tracing is off: the API's no-op tracer returns a non-recording span.
 */
export function Traced(options: TracedOptions = {}): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const original = descriptor.value as unknown;
    if (typeof original !== 'function') return descriptor;
    const spanName =
      options.name ??
      `${(target as { constructor: { name: string } }).constructor.name}.${String(propertyKey)}`;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      return tracer().startActiveSpan(spanName, { attributes: attributesOf(options, args) }, (span) =>
        endWhenSettled(span, () => original.apply(this, args)),
      );
    };
    carryMethodIdentity(original, wrapped);
    return { ...descriptor, value: wrapped } as typeof descriptor;
  };
}

function attributesOf(options: TracedOptions, args: unknown[]): Attributes | undefined {
  const spec = options.attributes;
  if (!spec) return undefined;
  if (typeof spec === 'function') return spec(...args);
  const attributes: Attributes = {};
  for (const [name, index] of Object.entries(spec)) {
    const value = args[index];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attributes[name] = value as AttributeValue;
    }
  }
  return attributes;
}
