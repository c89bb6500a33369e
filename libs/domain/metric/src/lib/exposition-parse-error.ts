/** The exposition text is malformed; `line` is 1-based and also leads the message. */
export class ExpositionParseError extends Error {
  override readonly name = 'ExpositionParseError';

  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
