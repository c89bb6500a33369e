import { z } from 'zod';
import { DEFAULT_QUERY_URL } from '@neo/query-client';
import { commonSettings, loadConfig, setting, type Env, type LoadedConfig } from '@neo/config';
import { durationText } from './duration-text';
import { dashboardApiFileSchema } from './dashboard-api-file.schema';

export const dashboardApiSettings = {
  ...commonSettings('NEO_DASHBOARD', 8080),
  staleAfter: setting({
    env: 'NEO_DASHBOARD_STALE_AFTER',
    fileKey: 'stale_after',
    description:
      'A service whose last heartbeat is older than this is shown down (3x the default 5s heartbeat interval).',
    default: '15s',
    schema: durationText,
  }),
  sseKeepAlive: setting({
    env: 'NEO_DASHBOARD_SSE_KEEP_ALIVE',
    fileKey: 'sse.keep_alive',
    description: 'How often /api/events writes a comment line so proxies do not cut an idle stream.',
    default: '15s',
    schema: durationText,
  }),
  sseMaxClients: setting({
    env: 'NEO_DASHBOARD_SSE_MAX_CLIENTS',
    fileKey: 'sse.max_clients',
    description: 'Open /api/events streams allowed at once; more are refused with 503.',
    default: 200,
    schema: z.coerce.number().int().min(1).max(100_000),
  }),
  maxEntries: setting({
    env: 'NEO_DASHBOARD_MAX_ENTRIES',
    fileKey: 'max_entries',
    description:
      'Most services, targets, checks and alerts (each) the live view keeps; the least recently updated go first.',
    default: 10_000,
    schema: z.coerce.number().int().min(1).max(1_000_000),
  }),
  queryUrl: setting({
    env: 'NEO_DASHBOARD_QUERY_URL',
    fileKey: 'query.url',
    description:
      'Prometheus-compatible API the dashboards read (the collector, Prometheus, Mimir...); same client as the alerter.',
    default: DEFAULT_QUERY_URL,
    schema: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL'),
  }),
  queryTimeoutMs: setting({
    env: 'NEO_DASHBOARD_QUERY_TIMEOUT_MS',
    fileKey: 'query.timeout_ms',
    description: 'Deadline of one dashboard panel query.',
    default: 10_000,
    schema: z.coerce.number().int().min(1),
  }),
};

export const dashboardApiConfigSpec = {
  app: 'dashboard-api',
  settings: dashboardApiSettings,
  file: dashboardApiFileSchema,
  fileEnv: 'NEO_DASHBOARD_CONFIG',
  defaultFile: 'config/dashboard-api.yaml',
};

export type DashboardApiConfig = LoadedConfig<typeof dashboardApiSettings, typeof dashboardApiFileSchema>;

export function loadDashboardApiConfig(env: Env = process.env): DashboardApiConfig {
  return loadConfig(dashboardApiConfigSpec, env);
}
