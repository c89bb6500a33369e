import { parser } from '@prometheus-io/lezer-promql';
import { LabelMatcher, matchLabels, MatchOp, parseDuration } from '@neo/domain-metric';
/** lezer's node type, taken from the parser so we need no direct @lezer/common dependency. */
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];
import {
  AggregateOp,
  AtModifier,
  BinaryOp,
  COMPARISON_OPS,
  Expr,
  SET_OPS,
  VectorMatching,
  VectorSelector,
} from '../ast/ast';
import { checkTypes } from './check-types';
import { PromQLParseError } from './parse-error';
import { unquote } from './unquote';

const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
  Atan2: 'atan2',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

const RENAMED_HOLT_WINTERS = 'double_exponential_smoothing';

const MATCH_OPS: Readonly<Record<string, MatchOp>> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};

/** Parses and type-checks a PromQL expression into our AST; throws PromQLParseError. */
export function parseExpr(original: string): Expr {
  // The grammar only knows holt_winters by its Prometheus 3 name; 2.42 queries use the old one.
  const query = original.replace(/\bholt_winters(\s*\()/g, `${RENAMED_HOLT_WINTERS}$1`);
  const tree = parser.parse(query);
  const top = tree.topNode;
  const error = findError(top);
  if (error !== undefined) {
    throw syntaxError(query, error);
  }
  const body = top.firstChild;
  if (body === null) {
    throw new PromQLParseError(query, 0, 'no expression found in input');
  }
  const expr = new Converter(query, query !== original).expr(body);
  checkTypes(expr, query);
  return expr;
}

function findError(node: SyntaxNode): SyntaxNode | undefined {
  const cursor = node.cursor();
  do {
    if (cursor.type.isError) {
      return cursor.node;
    }
  } while (cursor.next());
  return undefined;
}

/** Prometheus-like wording for lezer's error recovery nodes. */
function syntaxError(query: string, node: SyntaxNode): PromQLParseError {
  const rest = query.slice(node.from).trimStart();
  const pos = query.length - rest.length;
  if (rest === '') {
    return new PromQLParseError(query, pos, 'unexpected end of input');
  }
  const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(rest);
  if (ident !== null) {
    const prev = node.prevSibling;
    if (rest.slice(ident[0].length).trimStart().startsWith('(') && prev === null) {
      return new PromQLParseError(query, pos, `unknown function with name "${ident[0]}"`);
    }
    return new PromQLParseError(query, pos, `unexpected identifier "${ident[0]}"`);
  }
  const fn = /([a-zA-Z_][a-zA-Z0-9_]*)\s*$/.exec(query.slice(0, pos));
  if (fn !== null && rest.startsWith('(')) {
    return new PromQLParseError(query, fn.index, `unknown function with name "${fn[1]}"`);
  }
  return new PromQLParseError(query, pos, `unexpected character: '${rest[0]}'`);
}

class Converter {
  constructor(
    private readonly query: string,
    private readonly renamed: boolean,
  ) {}

  private text(n: SyntaxNode): string {
    return this.query.slice(n.from, n.to);
  }

  private fail(n: SyntaxNode, detail: string): never {
    throw new PromQLParseError(this.query, n.from, detail);
  }

  private children(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c !== null; c = c.nextSibling) {
      out.push(c);
    }
    return out;
  }

  expr(n: SyntaxNode): Expr {
    switch (n.name) {
      case 'NumberDurationLiteral':
        return { type: 'NumberLiteral', value: this.number(n) };
      case 'StringLiteral':
        return { type: 'StringLiteral', value: this.string(n) };
      case 'ParenExpr':
        return { type: 'Paren', expr: this.expr(this.children(n)[0]) };
      case 'VectorSelector':
        return this.vectorSelector(n);
      case 'MatrixSelector':
        return this.matrixSelector(n);
      case 'SubqueryExpr':
        return this.subquery(n);
      case 'OffsetExpr':
        return this.offset(n);
      case 'StepInvariantExpr':
        return this.at(n);
      case 'UnaryExpr': {
        const [op, inner] = this.children(n);
        return { type: 'Unary', op: this.text(op) === '-' ? '-' : '+', expr: this.expr(inner) };
      }
      case 'BinaryExpr':
        return this.binary(n);
      case 'FunctionCall':
        return this.call(n);
      case 'AggregateExpr':
        return this.aggregate(n);
      default:
        return this.fail(n, `unsupported expression: ${this.text(n)}`);
    }
  }

  private number(n: SyntaxNode): number {
    const text = this.text(n).trim();
    const sign = text.startsWith('-') ? -1 : 1;
    const body = text.replace(/^[+-]/, '');
    const lower = body.toLowerCase();
    if (lower === 'inf') {
      return sign * Infinity;
    }
    if (lower === 'nan') {
      return NaN;
    }
    if (/^0x[0-9a-f]+$/.test(lower)) {
      return sign * parseInt(lower.slice(2), 16);
    }
    const num = Number(body);
    if (body !== '' && !Number.isNaN(num)) {
      return sign * num;
    }
    try {
      return (sign * parseDuration(body)) / 1000;
    } catch {
      return this.fail(n, `invalid number "${text}"`);
    }
  }

  private string(n: SyntaxNode): string {
    const value = unquote(this.text(n));
    if (value === undefined) {
      this.fail(n, `invalid syntax in string ${this.text(n)}`);
    }
    return value;
  }

  /** `5m`, `1h30m`, or a bare number of seconds, to ms. */
  private duration(n: SyntaxNode): number {
    const inner = n.name === 'DurationExpr' || n.name === 'OffsetDurationExpr' ? this.children(n) : [n];
    if (inner.length === 2 && inner[0].name === 'UnaryOp') {
      return (this.text(inner[0]) === '-' ? -1 : 1) * this.duration(inner[1]);
    }
    if (inner.length !== 1 || !inner[0].name.startsWith('NumberDurationLiteral')) {
      return this.fail(n, 'duration arithmetic is not supported');
    }
    const text = this.text(inner[0]);
    if (/^\d+(\.\d+)?$/.test(text)) {
      return Math.round(Number(text) * 1000);
    }
    try {
      return parseDuration(text);
    } catch {
      return this.fail(inner[0], `not a valid duration string: "${text}"`);
    }
  }

  private vectorSelector(n: SyntaxNode): VectorSelector {
    let name: string | undefined;
    const matchers: LabelMatcher[] = [];
    for (const c of this.children(n)) {
      if (c.name === 'Identifier') {
        name = this.text(c);
      } else if (c.name === 'LabelMatchers') {
        for (const m of this.children(c)) {
          const parts = this.children(m);
          if (m.name === 'QuotedLabelName') {
            const metric = this.string(parts[0]);
            if (name !== undefined) {
              this.fail(m, `metric name must not be set twice: "${name}" or "${metric}"`);
            }
            name = metric;
            continue;
          }
          const labelName =
            parts[0].name === 'QuotedLabelName'
              ? this.string(this.children(parts[0])[0])
              : this.text(parts[0]);
          const op = MATCH_OPS[this.children(parts[1])[0]?.name ?? ''];
          const value = this.string(parts[2]);
          if (op === undefined) {
            this.fail(parts[1], `unexpected ${this.text(parts[1])}`);
          }
          if (op === '=~' || op === '!~') {
            try {
              new RegExp(`^(?:${value})$`);
            } catch {
              this.fail(parts[2], `error parsing regexp: invalid regular expression: ${value}`);
            }
          }
          matchers.push({ name: labelName, op, value });
        }
      }
    }
    if (name !== undefined) {
      if (matchers.some((m) => m.name === '__name__')) {
        const other = matchers.find((m) => m.name === '__name__');
        this.fail(n, `metric name must not be set twice: "${name}" or "${other?.value ?? ''}"`);
      }
      matchers.unshift({ name: '__name__', op: '=', value: name });
    } else if (matchers.every((m) => matchLabels({}, [m]))) {
      // Prometheus rejects selectors that would match every series ("empty matchers").
      this.fail(n, 'vector selector must contain at least one non-empty matcher');
    }
    return { type: 'VectorSelector', name, matchers, offset: 0, at: undefined };
  }

  private matrixSelector(n: SyntaxNode): Expr {
    const [inner, range] = this.children(n);
    const sel = this.expr(inner);
    if (sel.type !== 'VectorSelector') {
      return this.fail(n, 'ranges only allowed for vector selectors');
    }
    if (sel.offset !== 0 || sel.at !== undefined) {
      return this.fail(n, 'no offset or @ modifiers allowed before range');
    }
    return { type: 'MatrixSelector', selector: sel, range: this.duration(range) };
  }

  private subquery(n: SyntaxNode): Expr {
    const [inner, range, step] = this.children(n);
    return {
      type: 'Subquery',
      expr: this.expr(inner),
      range: this.duration(range),
      step: step === undefined ? undefined : this.duration(step),
      offset: 0,
      at: undefined,
    };
  }

  private offset(n: SyntaxNode): Expr {
    const parts = this.children(n);
    const inner = this.expr(parts[0]);
    const offset = this.duration(parts[2]);
    return this.modify(n, inner, (prev) => {
      if (prev.offset !== 0) {
        this.fail(n, 'offset may not be set multiple times');
      }
      return { offset };
    });
  }

  private at(n: SyntaxNode): Expr {
    const parts = this.children(n);
    const inner = this.expr(parts[0]);
    const atNode = parts[2];
    let at: AtModifier;
    if (atNode.name === 'AtModifierPreprocessors') {
      at = { kind: this.children(atNode)[0].name === 'AtStart' ? 'start' : 'end' };
    } else {
      const secs = this.number(atNode);
      if (!Number.isFinite(secs)) {
        return this.fail(atNode, `timestamp out of bounds for @ modifier: ${secs}`);
      }
      at = { kind: 'time', ms: Math.round(secs * 1000) };
    }
    return this.modify(n, inner, (prev) => {
      if (prev.at !== undefined) {
        this.fail(n, '@ <timestamp> may not be set multiple times');
      }
      return { at };
    });
  }

  /** Applies offset/@ to the selector or subquery it follows, as Prometheus does. */
  private modify(
    n: SyntaxNode,
    e: Expr,
    change: (prev: { offset: number; at: AtModifier | undefined }) => { offset?: number; at?: AtModifier },
  ): Expr {
    switch (e.type) {
      case 'VectorSelector':
        return { ...e, ...change(e) };
      case 'MatrixSelector':
        return { ...e, selector: { ...e.selector, ...change(e.selector) } };
      case 'Subquery':
        return { ...e, ...change(e) };
      default:
        return this.fail(
          n,
          'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        );
    }
  }

  private binary(n: SyntaxNode): Expr {
    const parts = this.children(n);
    const lhs = this.expr(parts[0]);
    const rhs = this.expr(parts[parts.length - 1]);
    const op = BINARY_OPS[parts[1].name];
    if (op === undefined) {
      return this.fail(parts[1], `unexpected ${this.text(parts[1])}`);
    }
    let bool = false;
    let matching: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [] };
    for (const mod of parts.slice(2, -1)) {
      if (mod.name === 'BoolModifier') {
        bool = true;
      } else if (mod.name === 'MatchingModifierClause') {
        matching = this.matching(mod);
      }
    }
    if (SET_OPS.has(op)) {
      if (matching.card !== 'one-to-one') {
        this.fail(n, `no grouping allowed for "${op}" operation`);
      }
      matching = { ...matching, card: 'many-to-many' };
    }
    if (bool && !COMPARISON_OPS.has(op)) {
      this.fail(n, 'bool modifier can only be used on comparison operators');
    }
    return { type: 'Binary', op, lhs, rhs, bool, matching };
  }

  private matching(n: SyntaxNode): VectorMatching {
    let on = false;
    let card: VectorMatching['card'] = 'one-to-one';
    let labels: string[] = [];
    let include: string[] = [];
    let last = '';
    for (const c of this.children(n)) {
      if (c.name === 'On' || c.name === 'Ignoring') {
        on = c.name === 'On';
      } else if (c.name === 'GroupLeft') {
        card = 'many-to-one';
      } else if (c.name === 'GroupRight') {
        card = 'one-to-many';
      } else if (c.name === 'GroupingLabels') {
        if (last === 'On' || last === 'Ignoring') {
          labels = this.grouping(c);
        } else {
          include = this.grouping(c);
        }
      }
      last = c.name;
    }
    for (const l of include) {
      if (on && labels.includes(l)) {
        this.fail(n, `label "${l}" must not occur in ON and GROUP clause at once`);
      }
    }
    return { card, on, labels, include };
  }

  private grouping(n: SyntaxNode): string[] {
    return this.children(n).map((c) =>
      c.name === 'QuotedLabelName' ? this.string(this.children(c)[0]) : this.text(c),
    );
  }

  private call(n: SyntaxNode): Expr {
    const [ident, body] = this.children(n);
    const name = this.text(ident).trim();
    const func = name === RENAMED_HOLT_WINTERS && this.renamed ? 'holt_winters' : name;
    const args = body === undefined ? [] : this.children(body).map((c) => this.expr(c));
    return { type: 'Call', func, args };
  }

  private aggregate(n: SyntaxNode): Expr {
    const parts = this.children(n);
    const op = this.text(parts[0]).trim().toLowerCase() as AggregateOp;
    let grouping: string[] = [];
    let without = false;
    let args: Expr[] = [];
    for (const c of parts.slice(1)) {
      if (c.name === 'AggregateModifier') {
        const [kind, labels] = this.children(c);
        without = kind.name === 'Without';
        grouping = labels === undefined ? [] : this.grouping(labels);
      } else if (c.name === 'FunctionCallBody') {
        args = this.children(c).map((a) => this.expr(a));
      }
    }
    const takesParam = op === 'topk' || op === 'bottomk' || op === 'quantile' || op === 'count_values';
    const wanted = takesParam ? 2 : 1;
    if (args.length !== wanted) {
      this.fail(
        n,
        `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`,
      );
    }
    if (
      ![
        'sum',
        'avg',
        'min',
        'max',
        'count',
        'count_values',
        'stddev',
        'stdvar',
        'group',
        'topk',
        'bottomk',
        'quantile',
      ].includes(op)
    ) {
      this.fail(parts[0], `unsupported aggregation "${op}"`);
    }
    return {
      type: 'Aggregate',
      op,
      grouping,
      without,
      param: takesParam ? args[0] : undefined,
      expr: args[args.length - 1],
    };
  }
}
