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

  /**
   * Keeps only `live` strings (those of remaining series and blocks). Without this, every value ever seen
   * (pod names, request ids...) would stay in memory after retention removed its series.
   */
  retainOnly(live: Iterable<string>): void {
    this.strings.clear();
    for (const s of live) {
      this.strings.set(s, s);
    }
  }
}
