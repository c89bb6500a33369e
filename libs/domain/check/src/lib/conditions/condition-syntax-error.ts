/** A condition that does not parse; `position` is 1-based within the condition text. */
export class ConditionSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(`at position ${position}: ${reason}`);
    this.name = 'ConditionSyntaxError';
  }
}
