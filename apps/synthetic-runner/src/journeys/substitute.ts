import type { HttpRequestSpec } from '@neo/domain-check';

const VARIABLE = /\{\{\s*([\w-]+)\s*\}\}/g;

/** Names used in `{{...}}` that the context does not hold yet. */
export class UnknownVariable extends Error {}

/** Replaces `{{name}}` with the journey's stored values; a missing variable fails the step, never sends a blank. */
export function substitute(text: string, vars: ReadonlyMap<string, string>, encode = false): string {
  return text.replace(VARIABLE, (_match, name: string) => {
    const value = vars.get(name);
    if (value === undefined) throw new UnknownVariable(`variable {{${name}}} is not set`);
    return encode ? encodeURIComponent(value) : value;
  });
}

/** A request with its URL (URL-encoded values), headers and body filled from the context. */
export function substituteRequest(spec: HttpRequestSpec, vars: ReadonlyMap<string, string>): HttpRequestSpec {
  return {
    ...spec,
    url: substitute(spec.url, vars, true),
    headers: Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, substitute(v, vars)])),
    ...(spec.body !== undefined ? { body: substitute(spec.body, vars) } : {}),
  };
}
