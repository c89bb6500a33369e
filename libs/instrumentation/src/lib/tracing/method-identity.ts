/**
 * Gives a method's wrapper the method's name and reflect metadata. Nest reads guards, pipes, interceptors,
 * route and parameter metadata from the function it is handed, so a wrapper without them changes behaviour.
 */
export function carryMethodIdentity(original: object, wrapper: object): void {
  const name = (original as { name?: unknown }).name;
  if (typeof name === 'string' && name) Object.defineProperty(wrapper, 'name', { value: name });
  for (const key of (Reflect.getMetadataKeys?.(original) ?? []) as unknown[]) {
    Reflect.defineMetadata(key, Reflect.getMetadata(key, original), wrapper);
  }
}
