export type AttackKind = 'sql_injection' | 'xss' | 'path_traversal';

/**
 * Signatures of common probes. Deliberately narrow (quotes, keywords in combination, encoded `../`) so that
 * ordinary prose in a request body, such as "select a hero from the list", is not flagged.
 */
const PATTERNS: ReadonlyArray<readonly [AttackKind, RegExp]> = [
  ['sql_injection', /\bunion\b\s+(?:all\s+)?select\b/i],
  ['sql_injection', /['"`]\s*\)?\s*(?:or|and)\s+['"`]?\w+['"`]?\s*(?:=|like)\s*['"`]?\w+/i],
  ['sql_injection', /;\s*(?:drop|truncate|delete|insert|update|alter|exec)\s+\w+/i],
  ['sql_injection', /['"`]\s*;?\s*(?:--|#|\/\*)/],
  ['sql_injection', /\b(?:sleep|benchmark|pg_sleep)\s*\(\s*\d|\bwaitfor\s+delay\b/i],
  ['xss', /<\s*\/?\s*script\b/i],
  ['xss', /\bjavascript\s*:/i],
  ['xss', /<[^>]*\bon(?:error|load|click|mouseover|focus)\s*=/i],
  ['xss', /<\s*(?:iframe|object|embed|svg)\b/i],
  ['path_traversal', /(?:^|[\\/])\.\.(?:[\\/]|$)/],
  ['path_traversal', /\/etc\/(?:passwd|shadow)|\bboot\.ini\b|\\windows\\system32/i],
];

// Characters every pattern above needs at least one of; most URLs have none, so they skip the regexes.
const TRIGGER = /['"`;<>()\\]|\.\.|\/etc\/|javascript|union|waitfor/i;

/** The attack kinds `text` matches, or an empty list. */
export function detectAttacks(text: string): AttackKind[] {
  if (!TRIGGER.test(text)) return [];
  const found: AttackKind[] = [];
  for (const [kind, pattern] of PATTERNS) {
    if (!found.includes(kind) && pattern.test(text)) found.push(kind);
  }
  return found;
}

/** URL-decodes once (attackers encode `../` and quotes); keeps the raw text when it is not valid encoding. */
export function decodeForInspection(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
