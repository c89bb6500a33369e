/** A query that does not parse or type-check; the message follows Prometheus' `line:col: parse error: ...`. */
export class PromQLParseError extends Error {
  override readonly name = 'PromQLParseError';

  constructor(
    readonly query: string,
    /** Byte offset (UTF-16 index) where the problem was found. */
    readonly position: number,
    readonly detail: string,
  ) {
    super(`${lineCol(query, position)}: parse error: ${detail}`);
  }
}

/** 1-based line and column, as Prometheus prints positions. */
function lineCol(query: string, position: number): string {
  const before = query.slice(0, Math.max(0, position));
  const line = before.split('\n').length;
  const col = position - (before.lastIndexOf('\n') + 1) + 1;
  return `${line}:${col}`;
}
