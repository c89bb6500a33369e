// Tracing must patch http/express/ioredis before Nest loads them.
import { setupTracing, runService } from '@neo/instrumentation';
setupTracing({ serviceName: 'neo-dashboard-api' });

import { AppModule } from './app.module';
import { loadDashboardApiConfig } from './config/dashboard-api.config';

void runService({
  name: 'dashboard-api',
  loadConfig: () => loadDashboardApiConfig(),
  createModule: (config) => AppModule.forRoot(config),
  listen: (config) => ({ port: config.port, host: config.host, drainMs: config.shutdownDrainMs }),
});
