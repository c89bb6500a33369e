/** A scraped body is not valid exposition text; `line` is 1-based and leads the message. */
export class ScrapeParseError extends Error {
  override readonly name = 'ScrapeParseError';

  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
