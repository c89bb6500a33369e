import { ExpositionParseError } from './exposition-parse-error';
import { Labels } from './labels';
import { isValidLabelName, isValidMetricName, METRIC_NAME_LABEL } from './names';
import { parsePromValue, PromValueParseError } from './prom-value';

/** One sample line of a scrape; `labels` includes `__name__`. */
export interface ExposedSample {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
  readonly timestampMs?: number;
}

const LABEL_VALUE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', n: '\n' };

/** Reads one line; a class so the cursor is not threaded through every helper by hand. */
class LineReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly lineNo: number,
  ) {}

  fail(reason: string): ExpositionParseError {
    return new ExpositionParseError(this.lineNo, reason);
  }

  skipBlanks(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') {
      this.pos++;
    }
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** Characters up to whitespace or any of `stops`. */
  token(stops: string): string {
    const start = this.pos;
    while (!this.atEnd() && !' \t'.includes(this.text[this.pos]) && !stops.includes(this.text[this.pos])) {
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  expect(char: string, reason: string): void {
    this.skipBlanks();
    if (this.peek() !== char) {
      throw this.fail(reason);
    }
    this.pos++;
  }

  quotedValue(): string {
    this.expect('"', "expected '\"' to start label value");
    let value = '';
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) {
        throw this.fail('unterminated label value');
      }
      if (c === '"') {
        return value;
      }
      if (c === '\\') {
        const escaped = LABEL_VALUE_ESCAPES[this.text[this.pos] ?? ''];
        if (escaped === undefined) {
          throw this.fail(`invalid escape sequence '\\${this.text[this.pos] ?? ''}' in label value`);
        }
        value += escaped;
        this.pos++;
        continue;
      }
      value += c;
    }
  }
}

function readLabels(reader: LineReader, labels: Record<string, string>): void {
  reader.expect('{', "expected '{'");
  for (;;) {
    reader.skipBlanks();
    if (reader.peek() === '}') {
      reader.expect('}', "expected '}'");
      return;
    }
    const name = reader.token('=,}"');
    if (!isValidLabelName(name)) {
      throw reader.fail(name === '' ? 'expected label name' : `invalid label name "${name}"`);
    }
    reader.expect('=', `expected '=' after label name "${name}"`);
    const value = reader.quotedValue();
    if (Object.prototype.hasOwnProperty.call(labels, name)) {
      throw reader.fail(`duplicate label name "${name}"`);
    }
    labels[name] = value;
    reader.skipBlanks();
    if (reader.peek() === ',') {
      reader.expect(',', "expected ','");
    } else if (reader.peek() !== '}') {
      throw reader.fail(`expected ',' or '}' after label value of "${name}"`);
    }
  }
}

function readValue(reader: LineReader): number {
  reader.skipBlanks();
  const text = reader.token('');
  if (text === '') {
    throw reader.fail('expected value after metric name');
  }
  try {
    return parsePromValue(text);
  } catch (error: unknown) {
    if (error instanceof PromValueParseError) {
      throw reader.fail(`invalid value "${text}"`);
    }
    throw error;
  }
}

function readTimestamp(reader: LineReader): number | undefined {
  reader.skipBlanks();
  const text = reader.token('');
  if (text === '') {
    return undefined;
  }
  const ms = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(ms)) {
    throw reader.fail(`invalid timestamp "${text}"`);
  }
  return ms;
}

function parseSampleLine(line: string, lineNo: number): ExposedSample | undefined {
  const reader = new LineReader(line, lineNo);
  reader.skipBlanks();
  if (reader.atEnd() || reader.peek() === '#') {
    return undefined;
  }
  const name = reader.token('{');
  if (!isValidMetricName(name)) {
    throw reader.fail(name === '' ? 'expected metric name' : `invalid metric name "${name}"`);
  }
  const labels: Record<string, string> = { [METRIC_NAME_LABEL]: name };
  reader.skipBlanks();
  if (reader.peek() === '{') {
    readLabels(reader, labels);
  }
  const value = readValue(reader);
  const timestampMs = readTimestamp(reader);
  reader.skipBlanks();
  if (!reader.atEnd()) {
    throw reader.fail(`unexpected text after ${timestampMs === undefined ? 'value' : 'timestamp'}`);
  }
  return timestampMs === undefined ? { name, labels, value } : { name, labels, value, timestampMs };
}

/**
 * Parse Prometheus text exposition 0.0.4 into samples. Comments (HELP, TYPE, others) and blank lines
 * are skipped; histogram and summary lines are ordinary samples. The last line needs no newline,
 * because a truncated final sample must not be lost silently.
 */
export function parseExposition(text: string): ExposedSample[] {
  const samples: ExposedSample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const sample = parseSampleLine(line, index + 1);
    if (sample) {
      samples.push(sample);
    }
  });
  return samples;
}
