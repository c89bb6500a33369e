import { parseDuration } from '@neo/domain-metric';
import type { Condition, Operand } from './condition';
import type { ConditionContext } from './condition-context';
import { globMatches } from './glob';
import { followPath } from './json-path';

/** The outcome of one condition; `actual` is the left-hand value as seen, for the failure report. */
export interface ConditionOutcome {
  readonly condition: string;
  readonly success: boolean;
  readonly actual: string;
}

const MISSING = Symbol('missing');
type Value = unknown;

/** Evaluates a parsed condition against what a run observed. Pure: the same input gives the same outcome. */
export function evaluateCondition(condition: Condition, context: ConditionContext): ConditionOutcome {
  const resolver = new Resolver(context);
  const left = resolver.value(condition.left);
  const right = resolver.value(condition.right);
  return {
    condition: condition.source,
    success: compare(condition, left, right),
    actual: display(left),
  };
}

/** Evaluates every condition; the failed ones keep their actual values. */
export function evaluateConditions(
  conditions: readonly Condition[],
  context: ConditionContext,
): { success: boolean; failed: ConditionOutcome[] } {
  const failed = conditions.map((c) => evaluateCondition(c, context)).filter((outcome) => !outcome.success);
  return { success: failed.length === 0, failed };
}

/** `[STATUS] (503) == 200`: the condition with the actual left-hand value, as Gatus reports it. */
export function describeFailure(outcome: ConditionOutcome): string {
  const match = /^(\s*\S+)/.exec(outcome.condition);
  const head = match?.[1] ?? outcome.condition;
  return `${head} (${outcome.actual})${outcome.condition.slice(head.length)}`;
}

function compare(condition: Condition, left: Value, right: Value): boolean {
  const { operator } = condition;
  const pattern =
    condition.right.type === 'pattern'
      ? condition.right.glob
      : condition.left.type === 'pattern'
        ? condition.left.glob
        : undefined;
  if (pattern !== undefined) {
    const subject = condition.right.type === 'pattern' ? left : right;
    if (operator !== '==' && operator !== '!=') return false;
    const matches = subject !== MISSING && globMatches(pattern, text(subject));
    return operator === '==' ? matches : !matches;
  }
  if (operator === '==' || operator === '!=') {
    const equal = left !== MISSING && right !== MISSING && equals(left, right);
    return operator === '==' ? equal : !equal;
  }
  const a = numeric(left);
  const b = numeric(right);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function equals(left: Value, right: Value): boolean {
  const a = numeric(left);
  const b = numeric(right);
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a === b;
  return text(left) === text(right);
}

class Resolver {
  private parsedBody: Value | undefined;
  private bodyParsed = false;

  constructor(private readonly context: ConditionContext) {}

  value(operand: Operand): Value {
    switch (operand.type) {
      case 'literal':
        return operand.quoted ? operand.text : literal(operand.text);
      case 'pattern':
        return operand.glob;
      case 'len': {
        const inner = this.value(operand.operand);
        if (Array.isArray(inner) || typeof inner === 'string') return inner.length;
        if (typeof inner === 'object' && inner !== null) return Object.keys(inner).length;
        return MISSING;
      }
      case 'has':
        return this.value(operand.operand) !== MISSING;
      case 'placeholder':
        return this.placeholder(operand);
    }
  }

  private placeholder(operand: Operand & { type: 'placeholder' }): Value {
    const c = this.context;
    switch (operand.name) {
      case 'STATUS':
        return c.statusCode ?? 0;
      case 'RESPONSE_TIME':
        return Math.round(c.responseTimeMs);
      case 'CERTIFICATE_EXPIRATION':
        return c.certificateExpiresAtMs === undefined ? 0 : Math.max(0, c.certificateExpiresAtMs - c.nowMs);
      case 'CONNECTED':
        return c.connected ?? false;
      case 'IP':
        return c.ip ?? MISSING;
      case 'DNS_RCODE':
        return c.dnsRcode ?? MISSING;
      case 'HEADER': {
        const first = operand.path[0];
        if (first === undefined || !('key' in first)) return MISSING;
        return c.headers?.[first.key.toLowerCase()] ?? MISSING;
      }
      case 'BODY': {
        if (c.body === undefined) return MISSING;
        if (operand.path.length === 0) return c.body;
        const found = followPath(this.json(), operand.path);
        return found === undefined ? MISSING : found;
      }
    }
  }

  private json(): Value {
    if (!this.bodyParsed) {
      this.bodyParsed = true;
      try {
        this.parsedBody = JSON.parse(this.context.body ?? '') as unknown;
      } catch {
        this.parsedBody = undefined;
      }
    }
    return this.parsedBody;
  }
}

// A bare literal is a number, a duration (`72h` as milliseconds, to compare with RESPONSE_TIME or
// CERTIFICATE_EXPIRATION) or a word.
function literal(textValue: string): Value {
  if (/^-?\d+(\.\d+)?$/.test(textValue)) return Number(textValue);
  if (/^\d/.test(textValue)) {
    try {
      return parseDuration(textValue);
    } catch {
      return textValue;
    }
  }
  return textValue;
}

function numeric(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return Number.NaN;
}

function text(value: Value): string {
  if (value === MISSING || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const MAX_ACTUAL_CHARS = 200;

function display(value: Value): string {
  if (value === MISSING) return '<missing>';
  const shown = text(value);
  return shown.length > MAX_ACTUAL_CHARS ? `${shown.slice(0, MAX_ACTUAL_CHARS)}...` : shown;
}
