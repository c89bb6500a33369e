import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setupTracing } from '@neo/instrumentation';
import { DEMO_SERVICE, SERVICES } from './services';

/**
 * Runs the four services in one process, the way Loki and Mimir run `-target=all`: each service's own built
 * bundle is loaded unchanged (an app never imports another app), they share the process's tracing SDK,
 * graceful shutdown and, without REDIS_URL, an in-process event bus.
 */
setupTracing({ serviceName: 'neo-all-in-one' });
process.env['NEO_ALL_IN_ONE'] = '1';

const distRoot = resolve(__dirname, '..');
const bus = process.env['REDIS_URL'] ? 'redis' : 'in-process';
log(
  bus === 'redis'
    ? 'all-in-one: using Redis for events and state (REDIS_URL is set)'
    : 'all-in-one: REDIS_URL is unset, using the in-process event bus; state lives in memory',
);

const load = createRequire(__filename);
for (const service of SERVICES) {
  const entry = join(distRoot, service, 'main.js');
  if (!existsSync(entry)) {
    log(`all-in-one: ${entry} is missing; build first with \`npx nx build all-in-one\``);
    process.exit(1);
  }
  load(entry);
}

// The demo's load loop is on by default here, so dashboards and alerts have traffic to show.
process.env['NEO_DEMO_LOAD'] ??= '1';
process.env['NEO_DEMO_OPTIONAL'] = '1';
const demoEntry = join(distRoot, DEMO_SERVICE, 'main.js');
if (existsSync(demoEntry)) {
  load(demoEntry);
} else {
  log(
    `all-in-one: ${demoEntry} is missing, the demo service is not started (\`npx nx build ${DEMO_SERVICE}\`)`,
  );
}

function log(msg: string): void {
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), service: 'all-in-one', msg, bus })}\n`,
  );
}
