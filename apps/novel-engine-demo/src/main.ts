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
});
