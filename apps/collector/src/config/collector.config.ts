import { z } from 'zod';
import { commonSettings, loadConfig, setting, type Env, type LoadedConfig } from '@neo/config';
import { parseDuration } from '@neo/domain-metric';
import { collectorFileSchema } from './collector-file.schema';

const durationMs = z.preprocess(
  (raw) => {
    if (typeof raw !== 'string') return raw;
    try {
      return parseDuration(raw);
    } catch {
      return raw;
    }
  },
  z.number({ error: 'must be a duration such as 30m or 2h' }).int().positive(),
);

export const collectorSettings = {
  ...commonSettings('NEO_COLLECTOR', 9180),
  retentionMs: setting({
    env: 'NEO_COLLECTOR_RETENTION',
    fileKey: 'storage.retention',
    description: 'How long the in-memory store keeps samples of each series (Prometheus duration).',
    default: parseDuration('15m'),
    schema: durationMs,
  }),
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
