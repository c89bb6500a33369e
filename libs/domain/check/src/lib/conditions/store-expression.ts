import type { Operand } from './condition';
import { parsePlaceholder } from './parse-condition';
import { ConditionSyntaxError } from './condition-syntax-error';

/** Where a journey variable comes from: a placeholder (`[BODY].token`, `[HEADER].x-id`), optionally through a regex. */
export interface StoreExpression {
  readonly source: Operand & { type: 'placeholder' };
  /** The first capture group (or the whole match) becomes the value. */
  readonly regex?: RegExp;
}

/** Parses `[BODY].token` or `[BODY] =~ /id=(\d+)/`; throws ConditionSyntaxError with a position. */
export function parseStoreExpression(text: string): StoreExpression {
  const match = /^(.*?)\s*=~\s*\/(.*)\/([imsu]*)\s*$/.exec(text);
  if (!match) return { source: parsePlaceholder(text) };
  const [, head = '', pattern = '', flags = ''] = match;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    throw new ConditionSyntaxError(text.indexOf('/') + 2, `not a valid regex: ${(error as Error).message}`);
  }
  return { source: parsePlaceholder(head), regex };
}
