const cache = new Map<string, RegExp>();
// Rule evaluation matches the same few patterns over and over; a bound keeps a pathological caller
// (e.g. user-typed queries) from growing the cache forever.
const CACHE_LIMIT = 1000;

/**
 * Compile a PromQL regex fully anchored, as Prometheus does (`^(?:re)$`). `.` matches newlines like
 * Prometheus 3 (`(?s:` wrapping). A leading Go/RE2 flag group such as `(?i)` is turned into a JS flag
 * because Node 20 cannot parse inline flags. Throws SyntaxError for patterns JS cannot compile.
 */
export function compileAnchoredRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) {
    return cached;
  }
  let body = pattern;
  let flags = 'su';
  const inline = /^\(\?([is]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    if (inline[1].includes('i')) {
      flags += 'i';
    }
  }
  const compiled = new RegExp(`^(?:${body})$`, flags);
  if (cache.size >= CACHE_LIMIT) {
    cache.clear();
  }
  cache.set(pattern, compiled);
  return compiled;
}
