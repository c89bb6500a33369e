import { METRIC_NAME_LABEL } from '@neo/domain-metric';
import {
  BACKSLASH,
  CLOSE_BRACE,
  isBlank,
  isLabelChar,
  isLabelStart,
  isMetricChar,
  isMetricStart,
  OPEN_BRACE,
  QUOTE,
} from './chars';
import { ScrapeParseError } from './scrape-parse-error';

/** A series of an exposition: its metric name and its labels, `__name__` included. */
export interface ParsedSeries {
  readonly name: string;
  readonly labels: Record<string, string>;
}

/**
 * Parses the series part of a sample line (`name{a="b"}`, or the UTF-8 form `{"my.name", "a.b"="c"}`)
 * found by the scanner. Runs only when the scrape cache has not seen this exact text before, so it can
 * afford to build strings; everything it accepts was validated here once.
 */
export function parseSeries(text: string, line: number): ParsedSeries {
  return new SeriesReader(text, line).read();
}

/**
 * Reads a `{...}` label block starting at `text[start]` (used for exemplars), returning the labels and the
 * position after the closing brace.
 */
export function parseLabelBlock(
  text: string,
  start: number,
  limit: number,
  line: number,
): { labels: Record<string, string>; end: number } {
  const reader = new SeriesReader(text, line, start, limit);
  const labels: Record<string, string> = {};
  reader.block(labels, false);
  return { labels, end: reader.position };
}

/** Reads the quoted string at `text[start]` (a UTF-8 metric name in `# TYPE "a.b" gauge`). */
export function parseQuoted(
  text: string,
  start: number,
  limit: number,
  line: number,
): { value: string; end: number } {
  const reader = new SeriesReader(text, line, start, limit);
  const value = reader.quoted('quoted name');
  return { value, end: reader.position };
}

class SeriesReader {
  constructor(
    private readonly text: string,
    private readonly line: number,
    public position = 0,
    private readonly limit = text.length,
  ) {}

  read(): ParsedSeries {
    const labels: Record<string, string> = {};
    let name = '';
    if (isMetricStart(this.code())) {
      name = this.bareName(isMetricChar);
      this.skipBlanks();
    }
    if (this.code() === OPEN_BRACE) {
      const quotedName = this.block(labels, name === '');
      if (quotedName !== undefined) name = quotedName;
    }
    this.skipBlanks();
    if (this.position < this.limit)
      throw this.fail(`unexpected "${this.text[this.position]}" after the series`);
    if (name === '') throw this.fail('expected a metric name');
    labels[METRIC_NAME_LABEL] = name;
    return { name, labels };
  }

  /** `{...}`; when `nameAllowed`, a leading bare quoted string is the metric name and is returned. */
  block(labels: Record<string, string>, nameAllowed: boolean): string | undefined {
    let metricName: string | undefined;
    this.position++; // `{`
    let first = true;
    for (;;) {
      this.skipBlanks();
      const c = this.code();
      if (c === CLOSE_BRACE) {
        this.position++;
        return metricName;
      }
      let labelName: string;
      if (c === QUOTE) {
        labelName = this.quoted('label name');
        this.skipBlanks();
        const after = this.code();
        if (first && nameAllowed && (after === 0x2c || after === CLOSE_BRACE)) {
          if (labelName === '') throw this.fail('empty metric name');
          metricName = labelName;
          this.separator();
          first = false;
          continue;
        }
        if (labelName === '') throw this.fail('empty label name');
      } else if (isLabelStart(c)) {
        labelName = this.bareName(isLabelChar);
        this.skipBlanks();
      } else {
        throw this.fail(
          c === -1
            ? 'unterminated label set'
            : `invalid label name starting with "${this.text[this.position]}"`,
        );
      }
      if (this.code() !== 0x3d) throw this.fail(`expected "=" after label name "${labelName}"`);
      this.position++;
      this.skipBlanks();
      if (this.code() !== QUOTE) throw this.fail(`expected a quoted value for label "${labelName}"`);
      const value = this.quoted('label value');
      if (labelName === METRIC_NAME_LABEL || Object.prototype.hasOwnProperty.call(labels, labelName)) {
        throw this.fail(`duplicate label name "${labelName}"`);
      }
      labels[labelName] = value;
      this.separator();
      first = false;
    }
  }

  private separator(): void {
    this.skipBlanks();
    const c = this.code();
    if (c === 0x2c) {
      this.position++;
    } else if (c !== CLOSE_BRACE) {
      throw this.fail(
        c === -1 ? 'unterminated label set' : `expected "," or "}" but found "${this.text[this.position]}"`,
      );
    }
  }

  /** A quoted string; `\\`, `\"` and `\n` are unescaped, other escapes kept as written, as Prometheus does. */
  quoted(what: string): string {
    this.position++; // opening quote
    let out = '';
    let from = this.position;
    for (;;) {
      const c = this.code();
      if (c === -1 || c === 0x0a) throw this.fail(`unterminated ${what}`);
      if (c === QUOTE) {
        out += this.text.slice(from, this.position);
        this.position++;
        return out;
      }
      if (c === BACKSLASH) {
        out += this.text.slice(from, this.position);
        const next = this.position + 1 < this.limit ? this.text[this.position + 1] : undefined;
        if (next === undefined) throw this.fail(`unterminated ${what}`);
        out += next === 'n' ? '\n' : next === '\\' || next === '"' ? next : `\\${next}`;
        this.position += 2;
        from = this.position;
        continue;
      }
      this.position++;
    }
  }

  private bareName(isChar: (c: number) => boolean): string {
    const start = this.position;
    while (isChar(this.code())) this.position++;
    return this.text.slice(start, this.position);
  }

  private skipBlanks(): void {
    while (isBlank(this.code())) this.position++;
  }

  private code(): number {
    return this.position < this.limit ? this.text.charCodeAt(this.position) : -1;
  }

  private fail(reason: string): ScrapeParseError {
    return new ScrapeParseError(this.line, reason);
  }
}
