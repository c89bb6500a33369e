import type { ApiParams } from './api-params';

type Mutable = Record<string, string | string[]>;

/**
 * Parameters the way Prometheus reads them (r.Form): the URL query plus an urlencoded body, values of a
 * repeated key collected in order. The URL is re-read from the raw request so `match[]` keeps its name
 * whatever query parser Express uses; the body arrives through qs, which turns `match[]` into `match`.
 */
export function requestParams(originalUrl: string, body: unknown): ApiParams {
  const params: Mutable = {};
  const add = (key: string, value: string) => {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else if (typeof existing === 'string') params[key] = [existing, value];
    else existing.push(value);
  };
  const query = originalUrl.indexOf('?');
  if (query >= 0) {
    for (const [key, value] of new URLSearchParams(originalUrl.slice(query + 1))) add(key, value);
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [rawKey, value] of Object.entries(body as Record<string, unknown>)) {
      const key = rawKey === 'match' ? 'match[]' : rawKey;
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) if (typeof v === 'string') add(key, v);
    }
  }
  return params;
}
