import type { Context } from '@opentelemetry/api';

/**
 * An OpenTelemetry context as a chain of single entries. The API's own context copies its whole Map on every
 * `setValue`: a request's server span, then each framework span, then each `@Traced` method copies it again,
 * a few hundred bytes each time, for contexts that hold two or three entries. Here a `setValue` costs one
 * small object, and a lookup walks back to the nearest entry for its key (the span, the key asked for most,
 * is nearly always the newest). Contexts derived from one of these stay linked.
 */
export class LinkedContext implements Context {
  private constructor(
    private readonly parent: Context,
    private readonly key: symbol | undefined,
    private readonly value: unknown,
  ) {}

  /** `base` as a linked context: the same entries, and cheap `setValue` from here on. */
  static over(base: Context): Context {
    return base instanceof LinkedContext ? base : new LinkedContext(base, undefined, undefined);
  }

  getValue(key: symbol): unknown {
    if (this.key === key) return this.value;
    // Walked as a loop: a context built through many layers must not cost a stack frame per entry.
    let node = this.parent;
    while (node instanceof LinkedContext) {
      if (node.key === key) return node.value;
      node = node.parent;
    }
    return node.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return new LinkedContext(this, key, value);
  }

  /** A deleted key reads as `undefined`, as it does after the API's own context deletes it. */
  deleteValue(key: symbol): Context {
    return new LinkedContext(this, key, undefined);
  }
}
