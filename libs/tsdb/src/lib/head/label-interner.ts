/**
 * One string instance per distinct label name/value. Thousands of series share `job`, `instance` and
 * `__name__` values; without interning each series would hold its own copy from the parser.
 */
export class LabelInterner {
  private readonly strings = new Map<string, string>();

  intern(s: string): string {
    const existing = this.strings.get(s);
    if (existing !== undefined) {
      return existing;
    }
    this.strings.set(s, s);
    return s;
  }

  get size(): number {
    return this.strings.size;
  }
}
