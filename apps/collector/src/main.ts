// Tracing must patch http/express/ioredis before Nest loads them.
import { setupTracing, runService } from '@neo/instrumentation';
setupTracing({ serviceName: 'neo-collector' });

import { AppModule } from './app.module';
import { loadCollectorConfig } from './config/collector.config';

void runService({
  name: 'collector',
  loadConfig: () => loadCollectorConfig(),
  createModule: (config) => AppModule.forRoot(config),
  listen: (config) => ({ port: config.port, host: config.host, drainMs: config.shutdownDrainMs }),
  // OTLP/JSON pushes arrive through the JSON parser: it must take what the ingest limit allows.
  bodyLimitBytes: (config) => config.ingestMaxBodyBytes,
});
