// Tracing must patch http/express before Nest loads them, so it starts before any Nest import.
import { runService, setupTracing } from '@neo/instrumentation';
setupTracing({ serviceName: 'novel-engine-demo', serviceVersion: '1.0.0' });

import { AppModule } from './app.module';
import { loadDemoConfig } from './config/demo.config';

void runService({
  name: 'novel-engine-demo',
  loadConfig: () => loadDemoConfig(),
  createModule: (config) => AppModule.forRoot(config),
  listen: (config) => ({ port: config.port, host: config.host, drainMs: config.drainMs }),
  // Set by NEO's all-in-one, where a busy demo port must not take the four NEO services down with it.
  optional: process.env['NEO_DEMO_OPTIONAL'] === '1',
});
