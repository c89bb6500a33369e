export type * from './lib/ast/ast';
export { parseExpr } from './lib/parser/parse';
export { PromQLParseError } from './lib/parser/parse-error';
export { FUNCTIONS } from './lib/parser/function-signatures';
