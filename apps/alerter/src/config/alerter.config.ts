import { dirname } from 'node:path';
import { z } from 'zod';
import { commonSettings, deepFreeze, loadConfig, setting, type Env, type LoadedConfig } from '@neo/config';
import { parseDuration } from '@neo/domain-metric';
import { DEFAULT_QUERY_URL } from '@neo/query-client';
import type { LoadedRuleGroup } from '../rules/loaded-rules';
import { loadRuleFiles } from '../rules/load-rules';
import { resolveRuleFiles } from '../rules/resolve-rule-files';
import { alerterFileSchema } from './alerter-file.schema';

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');
const positiveMs = z.coerce.number().int().min(1);

export const alerterSettings = {
  ...commonSettings('NEO_ALERTER', 9181),
  queryUrl: setting({
    env: 'NEO_ALERTER_QUERY_URL',
    fileKey: 'query.url',
    description:
      'Prometheus-compatible API the rules are evaluated against (the collector, Prometheus, Mimir...).',
    default: DEFAULT_QUERY_URL,
    schema: httpUrl,
  }),
  queryTimeoutMs: setting({
    env: 'NEO_ALERTER_QUERY_TIMEOUT_MS',
    fileKey: 'query.timeout_ms',
    description: 'Deadline of one rule query.',
    default: 10_000,
    schema: positiveMs,
  }),
  queryBearerToken: setting({
    env: 'NEO_ALERTER_QUERY_BEARER_TOKEN',
    fileKey: 'query.bearer_token',
    description: 'Bearer token sent to the query API.',
    default: '',
    schema: z.string(),
    secret: true,
  }),
  queryUsername: setting({
    env: 'NEO_ALERTER_QUERY_USERNAME',
    fileKey: 'query.basic_auth.username',
    description: 'Basic-auth user for the query API (with the password).',
    default: '',
    schema: z.string(),
  }),
  queryPassword: setting({
    env: 'NEO_ALERTER_QUERY_PASSWORD',
    fileKey: 'query.basic_auth.password',
    description: 'Basic-auth password for the query API.',
    default: '',
    schema: z.string(),
    secret: true,
  }),
  webhookUrl: setting({
    env: 'NEO_ALERTER_WEBHOOK_URL',
    description: "Extra webhook added to the route's receiver (handy for all-in-one and e2e runs).",
    default: '',
    schema: z.union([z.literal(''), httpUrl]),
  }),
  notifyTimeoutMs: setting({
    env: 'NEO_ALERTER_NOTIFY_TIMEOUT_MS',
    fileKey: 'notify.timeout_ms',
    description: 'Deadline of one webhook POST.',
    default: 10_000,
    schema: positiveMs,
  }),
  notifyMaxAttempts: setting({
    env: 'NEO_ALERTER_NOTIFY_MAX_ATTEMPTS',
    fileKey: 'notify.max_attempts',
    description:
      'Attempts per webhook notification; 5xx answers and network errors are retried, 4xx are not.',
    default: 4,
    schema: z.coerce.number().int().min(1).max(20),
  }),
  notifyBackoffMs: setting({
    env: 'NEO_ALERTER_NOTIFY_BACKOFF_MS',
    fileKey: 'notify.backoff_ms',
    description: 'First retry delay of a webhook notification; doubles on each retry.',
    default: 500,
    schema: z.coerce.number().int().min(0),
  }),
};

export const alerterConfigSpec = {
  app: 'alerter',
  settings: alerterSettings,
  file: alerterFileSchema,
  fileEnv: 'NEO_ALERTER_CONFIG',
  defaultFile: 'config/alerter.yaml',
};

export type AlerterConfig = LoadedConfig<typeof alerterSettings, typeof alerterFileSchema> & {
  /** Every rule group of `rule_files`, validated. */
  readonly ruleGroups: readonly LoadedRuleGroup[];
};

/** Settings, the config file and the rule files it names; any problem throws a located ConfigError. */
export function loadAlerterConfig(env: Env = process.env): AlerterConfig {
  const config = loadConfig(alerterConfigSpec, env);
  const baseDir = config.configFile ? dirname(config.configFile) : process.cwd();
  const files = resolveRuleFiles(config.file.rule_files, baseDir, config.configFile ?? 'defaults of alerter');
  const ruleGroups = loadRuleFiles(files, parseDuration(config.file.global.evaluation_interval));
  return deepFreeze({ ...config, ruleGroups });
}
