/** Values a condition can read from a probe's observation, in Gatus' bracket syntax. */
export const PLACEHOLDERS = [
  'STATUS',
  'RESPONSE_TIME',
  'BODY',
  'HEADER',
  'CERTIFICATE_EXPIRATION',
  'CONNECTED',
  'IP',
  'DNS_RCODE',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

export const OPERATORS = ['==', '!=', '<=', '>=', '<', '>'] as const;
export type Operator = (typeof OPERATORS)[number];

/** One segment of a JSON path after a placeholder: `.name` or `[index]`. */
export type PathSegment = { readonly key: string } | { readonly index: number };

export type Operand =
  | { readonly type: 'placeholder'; readonly name: PlaceholderName; readonly path: readonly PathSegment[] }
  | { readonly type: 'literal'; readonly text: string; readonly quoted: boolean }
  | { readonly type: 'pattern'; readonly glob: string }
  | { readonly type: 'len' | 'has'; readonly operand: Operand };

/** A parsed condition; `source` is the text as written, for reports. */
export interface Condition {
  readonly source: string;
  readonly left: Operand;
  readonly operator: Operator;
  readonly right: Operand;
}
