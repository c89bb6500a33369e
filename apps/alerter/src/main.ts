// Tracing must patch http/express/ioredis before Nest loads them.
import { setupTracing, runService } from '@neo/instrumentation';
setupTracing({ serviceName: 'neo-alerter' });

import { AppModule } from './app.module';
import { loadAlerterConfig } from './config/alerter.config';

void runService({
  name: 'alerter',
  loadConfig: () => loadAlerterConfig(),
  createModule: (config) => AppModule.forRoot(config),
  listen: (config) => ({ port: config.port, host: config.host, drainMs: config.shutdownDrainMs }),
});
