import { followPath, type StoreExpression } from '@neo/domain-check';
import type { Observation } from '../probes/observation';

/** The value a store expression picks from a step's response, as text; undefined when it is not there. */
export function extract(expression: StoreExpression, observed: Observation): string | undefined {
  const raw = pick(expression, observed);
  if (raw === undefined || expression.regex === undefined) return raw;
  const match = expression.regex.exec(raw);
  if (!match) return undefined;
  return match[1] ?? match[0];
}

function pick(expression: StoreExpression, observed: Observation): string | undefined {
  const { name, path } = expression.source;
  switch (name) {
    case 'BODY': {
      if (observed.body === undefined) return undefined;
      if (path.length === 0) return observed.body;
      let json: unknown;
      try {
        json = JSON.parse(observed.body);
      } catch {
        return undefined;
      }
      const found = followPath(json, path);
      if (found === undefined) return undefined;
      return typeof found === 'string' ? found : JSON.stringify(found);
    }
    case 'HEADER': {
      const first = path[0];
      return first && 'key' in first ? observed.headers?.[first.key.toLowerCase()] : undefined;
    }
    case 'STATUS':
      return observed.statusCode === undefined ? undefined : String(observed.statusCode);
    default:
      return undefined;
  }
}
