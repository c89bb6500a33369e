import { z } from 'zod';
import { commonSettings, loadConfig, setting, type Env, type LoadedConfig } from '@neo/config';
import { parseDuration } from '@neo/domain-metric';
import { parseByteSize } from './byte-size';
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

const byteSize = z.preprocess(
  (raw) => {
    if (typeof raw !== 'string') return raw;
    try {
      return parseByteSize(raw);
    } catch {
      return raw;
    }
  },
  z.number({ error: 'must be a size such as 512MB or 10GB, or 0 for no limit' }).int().min(0),
);

const positiveInt = z.coerce.number().int().positive();

export const collectorSettings = {
  ...commonSettings('NEO_COLLECTOR', 9180),
  dataDir: setting({
    env: 'NEO_DATA_DIR',
    fileKey: 'storage.path',
    description:
      'Directory of the TSDB (write-ahead log, blocks). One collector process per directory; relative to the working directory.',
    default: './data',
    schema: z.string().min(1),
  }),
  retentionMs: setting({
    env: 'NEO_COLLECTOR_RETENTION',
    fileKey: 'storage.retention',
    description:
      'Blocks whose samples are older than this (from the newest sample) are deleted (Prometheus duration).',
    default: parseDuration('15d'),
    schema: durationMs,
  }),
  retentionBytes: setting({
    env: 'NEO_COLLECTOR_RETENTION_SIZE',
    fileKey: 'storage.retention_size',
    description: 'Oldest blocks are deleted while blocks + WAL exceed this size (512MB, 10GB; 0 = no limit).',
    default: 0,
    schema: byteSize,
  }),
  maxExemplars: setting({
    env: 'NEO_COLLECTOR_MAX_EXEMPLARS',
    fileKey: 'storage.max_exemplars',
    description:
      'Exemplars kept in memory for /api/v1/query_exemplars, one ring shared by all series (0 = none kept).',
    default: 100_000,
    schema: z.coerce.number().int().min(0).max(10_000_000),
  }),
  queryTimeoutMs: setting({
    env: 'NEO_QUERY_TIMEOUT',
    fileKey: 'query.timeout',
    description: 'A query running longer than this fails with errorType timeout (HTTP 503).',
    default: parseDuration('2m'),
    schema: durationMs,
  }),
  queryMaxSamples: setting({
    env: 'NEO_QUERY_MAX_SAMPLES',
    fileKey: 'query.max_samples',
    description: 'Samples a query may load and produce before it fails with errorType execution (HTTP 422).',
    default: 50_000_000,
    schema: positiveInt,
  }),
  queryMaxSeries: setting({
    env: 'NEO_QUERY_MAX_SERIES',
    fileKey: 'query.max_series',
    description: 'Series a query may select before it fails with errorType execution (HTTP 422).',
    default: 1_000_000,
    schema: positiveInt,
  }),
  queryLookbackDeltaMs: setting({
    env: 'NEO_QUERY_LOOKBACK_DELTA',
    fileKey: 'query.lookback_delta',
    description: 'How far back an instant selector looks for the latest sample (Prometheus default 5m).',
    default: parseDuration('5m'),
    schema: durationMs,
  }),
  ingestMaxBodyBytes: setting({
    env: 'NEO_COLLECTOR_INGEST_MAX_BODY',
    fileKey: 'ingest.max_body_size',
    description:
      'Largest remote_write / OTLP request body as sent (413 above); decompressed bodies may be 8 times larger.',
    default: 32 * 1024 ** 2,
    schema: byteSize.refine((n) => n > 0, 'must be a size such as 32MB'),
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
