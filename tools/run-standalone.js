#!/usr/bin/env node
// Runs one built service alone, the way it is deployed: always on Redis (default 127.0.0.1:6379).
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const app = process.argv[2];
const apps = ['collector', 'alerter', 'synthetic-runner', 'dashboard-api'];
if (!apps.includes(app)) {
  console.error(`usage: run-standalone.js <${apps.join('|')}>`);
  process.exit(2);
}
const env = { ...process.env, REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379' };
const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'apps', app, 'main.js')], {
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
