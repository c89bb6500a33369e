import { commonSettings, loadConfig, type Env, type LoadedConfig } from '@neo/config';
import { collectorFileSchema } from './collector-file.schema';

export const collectorSettings = {
  ...commonSettings('NEO_COLLECTOR', 9180),
};

export const collectorConfigSpec = {
  app: 'collector',
  settings: collectorSettings,
  file: collectorFileSchema,
  fileEnv: 'NEO_COLLECTOR_CONFIG',
  defaultFile: 'config/collector.yaml',
};

export type CollectorConfig = LoadedConfig<typeof collectorSettings, typeof collectorFileSchema>;

export function loadCollectorConfig(env: Env = process.env): CollectorConfig {
  return loadConfig(collectorConfigSpec, env);
}
