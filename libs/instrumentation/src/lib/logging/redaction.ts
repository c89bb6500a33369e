/**
 * Marks a log object whose strings were already scrubbed (the access line); the logger skips the deep copy.
 * A symbol, so it is never serialised.
 */
export const PRE_SCRUBBED = Symbol('neo.instrumentation.pre-scrubbed');

/** What replaces a secret; short and obvious in a log line. */
export const REDACTED = '[redacted]';

/** Key names whose values are secrets wherever they appear, compared lower-case without `-`/`_`. */
const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'pwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'apikey',
  'xapikey',
  'privatekey',
  'sessionid',
  'cardnumber',
  'creditcard',
  'cvv',
  'cvc',
  'ssn',
]);
const SECRET_SUFFIXES = ['password', 'secret', 'token', 'apikey'];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 13-19 digits starting like a card network (2-6), optionally grouped by spaces or dashes, confirmed with
// the Luhn check: spares epoch-millisecond timestamps (starting with 1) and most order ids.
const CARD = /\b[2-6](?:[ -]?\d){12,18}\b/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// `?token=...&password=...` inside URLs and query strings.
const SECRET_QUERY_PARAM =
  /([?&;](?:[a-z_-]*(?:password|passwd|secret|token|api[-_]?key|apikey|session[-_]?id)[a-z_-]*)=)[^&#\s"]*/gi;

const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEYS.has(normalized) || SECRET_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Masks e-mail addresses, card numbers, bearer credentials and secret query parameters inside a string. */
export function scrubString(value: string): string {
  // Cheap pre-checks keep the common case (no digits run, no @, no =) allocation-free.
  let result = value;
  if (result.includes('@')) result = result.replace(EMAIL, '[email]');
  if (/\d{4}/.test(result) || /\d[ -]\d/.test(result)) {
    result = result.replace(CARD, (match) => (luhn(match.replace(/[ -]/g, '')) ? '[card]' : match));
  }
  if (result.includes('=')) result = result.replace(SECRET_QUERY_PARAM, `$1${REDACTED}`);
  if (/bearer|basic/i.test(result)) result = result.replace(BEARER, `$1 ${REDACTED}`);
  return result;
}

/**
 * A copy of `value` with secrets removed: values under secret key names are replaced, strings anywhere are
 * scrubbed of e-mails and card numbers. Never mutates the caller's objects; cycles and depth are bounded.
 */
export function scrubValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[truncated]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubString(value.message),
      ...(value.stack ? { stack: scrubString(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) && item !== undefined ? REDACTED : scrubValue(item, depth + 1, seen);
  }
  return out;
}
