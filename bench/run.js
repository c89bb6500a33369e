#!/usr/bin/env node
// `npm run bench [name...]`: runs every bench/<area>/*-bench.ts, *-bench.js or bench.js (or only the named
// areas) one after another, each in its own Node process so one benchmark's heap and timers never skew the
// next. Each prints its own figures and ratios against a baseline measured in the same run.
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = __dirname;
const wanted = process.argv.slice(2);
const areas = readdirSync(root)
  .filter((name) => statSync(join(root, name)).isDirectory())
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
let failed = 0;
for (const area of areas) {
  for (const file of readdirSync(join(root, area))
    .filter((f) => /(^|-)bench\.(ts|js)$/.test(f))
    .sort()) {
    process.stdout.write(`\n=== bench/${area}/${file}\n`);
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', '-r', '@swc-node/register', join(root, area, file)],
      {
        stdio: 'inherit',
        env: { ...process.env, SWC_NODE_PROJECT: join(root, '..', 'tsconfig.typecheck.json') },
      },
    );
    if (result.status !== 0) {
      failed++;
      process.stdout.write(`bench/${area}/${file} failed (exit ${result.status ?? result.signal})\n`);
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
