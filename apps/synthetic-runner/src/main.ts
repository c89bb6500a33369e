// Tracing must patch http/express/undici/ioredis before Nest loads them.
import { setupTracing, runService } from '@neo/instrumentation';
setupTracing({ serviceName: 'neo-synthetic-runner' });

import { AppModule } from './app.module';
import { loadSyntheticRunnerConfig } from './config/synthetic-runner.config';

void runService({
  name: 'synthetic-runner',
  loadConfig: () => loadSyntheticRunnerConfig(),
  createModule: (config) => AppModule.forRoot(config),
  listen: (config) => ({ port: config.port, host: config.host, drainMs: config.shutdownDrainMs }),
});
