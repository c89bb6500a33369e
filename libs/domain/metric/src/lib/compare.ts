/** PromQL comparison operators. */
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';

/** Compare like Go float64: any comparison with NaN is false, except `!=` which is true. */
export function compareValues(op: ComparisonOp, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
  }
}
