/** A vector selector could not be parsed; `position` is the 0-based offset of the problem. */
export class SelectorParseError extends Error {
  override readonly name = 'SelectorParseError';

  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}
