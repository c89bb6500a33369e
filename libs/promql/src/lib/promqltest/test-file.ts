import { Labels, parseDuration } from '@neo/domain-metric';
import { STALE_NAN } from '../storage/queryable';

/** A value of an expanded series line: a number, or undefined for a gap (`_`). */
export type SeriesValue = number | undefined;

export interface SeriesLine {
  readonly labels: Labels;
  readonly values: SeriesValue[];
}

export type Command =
  | { readonly kind: 'load'; readonly stepMs: number; readonly series: SeriesLine[]; readonly line: number }
  | { readonly kind: 'clear'; readonly line: number }
  | {
      readonly kind: 'eval';
      readonly line: number;
      readonly expr: string;
      readonly fail: boolean;
      readonly ordered: boolean;
      /** Instant: start = end. */
      readonly startMs: number;
      readonly endMs: number;
      readonly stepMs: number;
      readonly range: boolean;
      /** Expected series (a scalar is one series with no labels and `scalar` set). */
      readonly expected: SeriesLine[];
      readonly scalar: boolean;
    };

/** Parses a duration or a bare number of seconds. */
export function parseTime(text: string): number {
  return /^-?\d+(\.\d+)?$/.test(text) ? Math.round(Number(text) * 1000) : parseDuration(text);
}

function parseNumber(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'stale') {
    return STALE_NAN;
  }
  if (/^[+-]?inf$/.test(lower)) {
    return lower.startsWith('-') ? -Infinity : Infinity;
  }
  if (lower === 'nan') {
    return NaN;
  }
  const n = Number(text);
  if (text === '' || Number.isNaN(n)) {
    throw new Error(`invalid number "${text}"`);
  }
  return n;
}

/** Expanding notation: `1+2x3` = 1 3 5 7, `5-1x2` = 5 4 3, `_x3` = 3 gaps, `7x2` = 7 7 7. */
export function expandValues(tokens: string[]): SeriesValue[] {
  const out: SeriesValue[] = [];
  for (const tok of tokens) {
    const gap = /^_(?:x(\d+))?$/.exec(tok);
    if (gap !== null) {
      for (let i = 0; i < Number(gap[1] ?? 1); i++) {
        out.push(undefined);
      }
      continue;
    }
    const m = /^(.+?)([+-])(.+)x(\d+)$/.exec(tok) ?? /^(.+?)()()x(\d+)$/.exec(tok);
    if (m !== null && !/^[+-]?inf$/i.test(tok)) {
      const start = parseNumber(m[1]);
      const inc = m[3] === '' ? 0 : (m[2] === '-' ? -1 : 1) * parseNumber(m[3]);
      for (let i = 0; i <= Number(m[4]); i++) {
        out.push(start + inc * i);
      }
      continue;
    }
    out.push(parseNumber(tok));
  }
  return out;
}

/** `name{a="b"} 1 2 3` -> labels and tokens. */
export function parseSeriesLine(text: string): SeriesLine {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})?\s*(.*)$/.exec(text.trim());
  if (m === null) {
    throw new Error(`bad series line: ${text}`);
  }
  const labels: Record<string, string> = {};
  if (m[1] !== undefined) {
    labels['__name__'] = m[1];
  }
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;
  for (const p of (m[2] ?? '').matchAll(re)) {
    labels[p[1]] = JSON.parse(`"${p[2]}"`) as string;
  }
  const tokens = m[3].trim() === '' ? [] : m[3].trim().split(/\s+/);
  return { labels, values: expandValues(tokens) };
}

const EVAL =
  /^eval(_fail|_ordered)?\s+(?:instant\s+at\s+(\S+)|range\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+))\s+(.+)$/;

/** Parses the promqltest format (load / clear / eval instant / eval range / eval_fail / eval_ordered). */
export function parseTestFile(text: string): Command[] {
  const lines = text.split('\n');
  const cmds: Command[] = [];
  let i = 0;
  const body = (): string[] => {
    const out: string[] = [];
    while (i < lines.length && /^\s+\S/.test(lines[i]) && !lines[i].trim().startsWith('#')) {
      out.push(lines[i].trim());
      i++;
    }
    return out;
  };
  while (i < lines.length) {
    const line = lines[i].trim();
    const lineNo = ++i;
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    if (line === 'clear') {
      cmds.push({ kind: 'clear', line: lineNo });
      continue;
    }
    const load = /^load\s+(\S+)$/.exec(line);
    if (load !== null) {
      cmds.push({
        kind: 'load',
        stepMs: parseTime(load[1]),
        series: body().map(parseSeriesLine),
        line: lineNo,
      });
      continue;
    }
    const ev = EVAL.exec(line);
    if (ev === null) {
      throw new Error(`line ${lineNo}: unknown command: ${line}`);
    }
    const range = ev[3] !== undefined;
    const startMs = parseTime(range ? ev[3] : ev[2]);
    const lines2 = body();
    const scalar = lines2.length === 1 && /^\S+$/.test(lines2[0]) && !lines2[0].includes('{');
    const expected = scalar
      ? [{ labels: {}, values: expandValues([lines2[0]]) }]
      : lines2.map(parseSeriesLine);
    cmds.push({
      kind: 'eval',
      line: lineNo,
      expr: ev[6],
      fail: ev[1] === '_fail',
      ordered: ev[1] === '_ordered',
      startMs,
      endMs: range ? parseTime(ev[4]) : startMs,
      stepMs: range ? parseTime(ev[5]) : 0,
      range,
      expected,
      scalar,
    });
  }
  return cmds;
}
