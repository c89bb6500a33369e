import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { ConfigError } from './config-error';

export interface YamlFile {
  readonly path: string;
  readonly data: unknown;
  /** `file:line:column` of the deepest node along `path` that exists, for error messages. */
  locate(path: readonly PropertyKey[]): string;
}

export function readYamlFile(path: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, '(file)', `cannot read file: ${(error as Error).message}`);
  }
  return parseYamlText(text, path);
}

export function parseYamlText(text: string, path: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(`${path}:${pos.line}:${pos.col}`, '(syntax)', first.message.split('\n')[0]);
  }
  return {
    path,
    data: doc.toJS() ?? {},
    locate: (keyPath) => `${path}:${lineOf(doc, lineCounter, keyPath)}`,
  };
}

function lineOf(doc: Document, counter: LineCounter, keyPath: readonly PropertyKey[]): string {
  for (let depth = keyPath.length; depth > 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return `${pos.line}:${pos.col}`;
    }
  }
  return '1:1';
}

export function getPath(data: unknown, dotted: string): unknown {
  let current: unknown = data;
  for (const part of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
