import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../engine';
import { MemoryQueryable } from '../../test-support/memory-queryable';
import { applyLoad, runEval } from './run-test-file';
import { parseTestFile } from './test-file';

const DIR = join(__dirname, '../../../testdata');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.test'))
  .sort();

describe('promqltest files', () => {
  it('finds test files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (file) => {
    const cmds = parseTestFile(readFileSync(join(DIR, file), 'utf8'));
    const evals = cmds.filter((c) => c.kind === 'eval');
    it.each(evals.map((c) => [`line ${c.line}: ${c.kind === 'eval' ? c.expr : ''}`, c] as const))(
      '%s',
      (_name, cmd) => {
        const store = new MemoryQueryable();
        for (const c of cmds) {
          if (c === cmd) {
            break;
          }
          applyLoad(store, c);
        }
        expect(cmd.kind === 'eval' ? runEval(createEngine(), store, cmd) : undefined).toBeUndefined();
      },
    );
  });
});
