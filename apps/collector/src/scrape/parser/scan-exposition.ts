import {
  BACKSLASH,
  CLOSE_BRACE,
  HASH,
  isBlank,
  isMetricChar,
  isMetricStart,
  OPEN_BRACE,
  QUOTE,
} from './chars';
import type { ExpositionFormat } from './exposition-format';
import { parseGoFloat } from './parse-float';
import { parseLabelBlock, parseQuoted } from './parse-series';
import { ScrapeParseError } from './scrape-parse-error';

export type MetadataKind = 'type' | 'help' | 'unit';

/** Receives what the scanner finds, in order. */
export interface ExpositionSink {
  /**
   * One sample line. `series` is the raw text of its name and labels, exactly as sent: the scrape cache
   * key. It has only been delimited, not validated; parseSeries validates it.
   */
  sample(series: string, value: number, timestampMs: number | undefined, line: number): void;
  metadata(kind: MetadataKind, name: string, text: string): void;
}

const TEXT_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const OM_TYPES = new Set([
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'summary',
  'info',
  'stateset',
  'unknown',
]);
const INTEGER = /^-?\d+$/;

/**
 * Walks an exposition (text 0.0.4 or OpenMetrics 1.0) line by line and hands samples and metadata to the
 * sink, throwing ScrapeParseError at the first malformed line. Only series boundaries are found here; label
 * parsing is left to the sink so an unchanged series costs one map lookup (Prometheus' scrape cache).
 */
export function scanExposition(text: string, format: ExpositionFormat, sink: ExpositionSink): void {
  new Scanner(text, format === 'openmetrics', sink).run();
}

class Scanner {
  private pos = 0;
  private end = 0;
  private line = 0;

  constructor(
    private readonly text: string,
    private readonly om: boolean,
    private readonly sink: ExpositionSink,
  ) {}

  run(): void {
    const { text } = this;
    let sawEof = false;
    let start = 0;
    while (start < text.length) {
      this.line++;
      let next = text.indexOf('\n', start);
      if (next < 0) next = text.length;
      this.pos = start;
      this.end = next;
      // Text 0.0.4 from Windows hosts ends lines with \r\n; OpenMetrics forbids it.
      if (!this.om && next > start && text.charCodeAt(next - 1) === 0x0d) this.end--;
      if (sawEof) throw this.fail('unexpected content after "# EOF"');
      sawEof = this.scanLine();
      start = next + 1;
    }
    if (this.om && !sawEof) throw this.fail('expected "# EOF" at the end of an OpenMetrics exposition');
  }

  /** One line; true when it was OpenMetrics' `# EOF`. */
  private scanLine(): boolean {
    if (!this.om) this.skipBlanks();
    if (this.pos >= this.end) {
      if (this.om) throw this.fail('empty line');
      return false;
    }
    if (this.code() === HASH) return this.comment();
    this.sampleLine();
    return false;
  }

  private comment(): boolean {
    const body = this.text.slice(this.pos, this.end);
    if (this.om && body === '# EOF') return true;
    this.pos++;
    if (!isBlank(this.code())) {
      if (this.om) throw this.fail('invalid comment');
      return false; // `#text` is an ordinary comment in text 0.0.4
    }
    this.skipBlanks();
    const keyword = this.token();
    const kind =
      keyword === 'HELP'
        ? 'help'
        : keyword === 'TYPE'
          ? 'type'
          : keyword === 'UNIT' && this.om
            ? 'unit'
            : undefined;
    if (kind === undefined) {
      if (this.om) throw this.fail(`invalid comment "${body}"`);
      return false;
    }
    this.requireBlank(`metric name after "# ${keyword}"`);
    const name = this.metadataName();
    let rest = '';
    if (this.pos < this.end) {
      if (!isBlank(this.code())) throw this.fail(`invalid metric name in "# ${keyword}"`);
      this.pos++;
      rest = this.text.slice(this.pos, this.end);
    }
    if (kind === 'type') {
      if (!(this.om ? OM_TYPES : TEXT_TYPES).has(rest)) throw this.fail(`invalid metric type "${rest}"`);
    } else if (kind === 'help') {
      rest = unescapeHelp(rest, this.om);
    }
    this.sink.metadata(kind, name, rest);
    return false;
  }

  private metadataName(): string {
    if (this.code() === QUOTE) {
      const { value, end } = parseQuoted(this.text, this.pos, this.end, this.line);
      this.pos = end;
      return value;
    }
    const start = this.pos;
    if (!isMetricStart(this.code())) throw this.fail('invalid metric name');
    while (isMetricChar(this.code())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private sampleLine(): void {
    const start = this.pos;
    if (isMetricStart(this.code())) {
      while (isMetricChar(this.code())) this.pos++;
      const nameEnd = this.pos;
      this.skipBlanks();
      if (this.code() === OPEN_BRACE) {
        this.skipBraces();
      } else {
        this.pos = nameEnd;
      }
    } else if (this.code() === OPEN_BRACE) {
      this.skipBraces();
    }
    const seriesEnd = this.pos;
    if (seriesEnd === start || (this.pos < this.end && !isBlank(this.code()))) {
      this.pos = start;
      throw this.fail(`invalid metric name "${this.token()}"`);
    }
    const series = this.text.slice(start, seriesEnd);
    this.requireBlank('value after the series');
    let value = this.plainInteger();
    if (value < 0) {
      const valueText = this.token();
      const parsed = parseGoFloat(valueText);
      if (parsed === undefined) throw this.fail(`invalid value "${valueText}"`);
      value = parsed;
    }
    this.skipBlanks();
    let timestampMs: number | undefined;
    if (this.pos < this.end && !(this.om && this.code() === HASH)) {
      timestampMs = this.timestamp();
      this.skipBlanks();
    }
    if (this.om && this.code() === HASH && this.pos < this.end) this.exemplar();
    if (this.pos < this.end) {
      throw this.fail(`unexpected text after the ${timestampMs === undefined ? 'value' : 'timestamp'}`);
    }
    this.sink.sample(series, value, timestampMs, this.line);
  }

  /** Text 0.0.4: integer milliseconds. OpenMetrics: float seconds. */
  private timestamp(): number {
    const raw = this.token();
    if (this.om) {
      const seconds = parseGoFloat(raw);
      if (seconds === undefined || !Number.isFinite(seconds)) throw this.fail(`invalid timestamp "${raw}"`);
      return Math.round(seconds * 1000);
    }
    const ms = Number(raw);
    if (!INTEGER.test(raw) || !Number.isSafeInteger(ms)) throw this.fail(`invalid timestamp "${raw}"`);
    return ms;
  }

  /** ` # {labels} value [timestamp]`: validated, then dropped (exemplars are not stored). */
  private exemplar(): void {
    this.pos++;
    this.requireBlank('exemplar after "#"');
    if (this.code() !== OPEN_BRACE) throw this.fail('expected "{" to start the exemplar labels');
    this.pos = parseLabelBlock(this.text, this.pos, this.end, this.line).end;
    this.requireBlank('exemplar value');
    const raw = this.token();
    if (parseGoFloat(raw) === undefined) throw this.fail(`invalid exemplar value "${raw}"`);
    this.skipBlanks();
    if (this.pos < this.end) {
      const ts = this.token();
      const seconds = parseGoFloat(ts);
      if (seconds === undefined || !Number.isFinite(seconds))
        throw this.fail(`invalid exemplar timestamp "${ts}"`);
      this.skipBlanks();
    }
  }

  /** Moves past a `{...}` block, minding quoted strings (which may hold `}` and escaped quotes). */
  private skipBraces(): void {
    this.pos++;
    while (this.pos < this.end) {
      const c = this.code();
      if (c === QUOTE) {
        this.skipQuoted();
        continue;
      }
      this.pos++;
      if (c === CLOSE_BRACE) return;
    }
    throw this.fail('unterminated label set');
  }

  private skipQuoted(): void {
    this.pos++;
    while (this.pos < this.end) {
      const c = this.code();
      if (c === BACKSLASH) {
        this.pos += 2;
        continue;
      }
      this.pos++;
      if (c === QUOTE) return;
    }
    throw this.fail('unterminated quoted string');
  }

  private requireBlank(what: string): void {
    if (this.pos >= this.end || !isBlank(this.code())) throw this.fail(`expected ${what}`);
    this.skipBlanks();
    if (this.pos >= this.end) throw this.fail(`expected ${what}`);
  }

  /**
   * A value of 1 to 15 digits and nothing else (most counters and gauges), read without slicing a string or
   * running the float grammar; -1 (position unchanged) for anything else, which takes the general path.
   * 15 digits stay below 2^53, so the result is exact, as Number() would give.
   */
  private plainInteger(): number {
    const { text, end } = this;
    const start = this.pos;
    let p = start;
    let value = 0;
    while (p < end) {
      const c = text.charCodeAt(p);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      p++;
    }
    if (p === start || p - start > 15 || (p < end && !isBlank(text.charCodeAt(p)))) return -1;
    this.pos = p;
    return value;
  }

  private token(): string {
    const start = this.pos;
    while (this.pos < this.end && !isBlank(this.code())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private skipBlanks(): void {
    while (this.pos < this.end && isBlank(this.code())) this.pos++;
  }

  private code(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  private fail(reason: string): ScrapeParseError {
    return new ScrapeParseError(this.line, reason);
  }
}

/** HELP text escapes: `\\` and `\n`, plus `\"` in OpenMetrics; anything else is kept as written. */
function unescapeHelp(text: string, om: boolean): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/g, (whole, c: string) =>
    c === 'n' ? '\n' : c === '\\' ? '\\' : c === '"' && om ? '"' : whole,
  );
}
