import { z } from 'zod';
import { commonSettings, loadConfig, setting, type Env, type LoadedConfig } from '@neo/config';
import { syntheticRunnerFileSchema } from './synthetic-runner-file.schema';
import { networkList } from './network-list';
import { DEFAULT_DENIED_NETWORKS } from '../probes/network-policy';

const milliseconds = z.coerce.number().int().min(0).max(600_000);

export const syntheticRunnerSettings = {
  ...commonSettings('NEO_SYNTHETIC', 9182),
  initialSpreadMs: setting({
    env: 'NEO_SYNTHETIC_INITIAL_SPREAD_MS',
    fileKey: 'runner.initial_spread_ms',
    description:
      'First runs start within this window after start-up, each check at a fixed offset derived from its name, so checks do not all fire at once.',
    default: 1000,
    schema: milliseconds,
  }),
  shutdownGraceMs: setting({
    env: 'NEO_SYNTHETIC_SHUTDOWN_GRACE_MS',
    fileKey: 'runner.shutdown_grace_ms',
    description:
      'On shutdown, how long a running check may finish before it is aborted (aborted runs are not published).',
    default: 5000,
    schema: milliseconds,
  }),
  allowNetworks: setting({
    env: 'NEO_SYNTHETIC_ALLOW_NETWORKS',
    fileKey: 'security.allow_networks',
    description:
      'Networks checks may reach (CIDRs, comma-separated in env). Empty = any address not denied, loopback included.',
    default: [] as string[],
    schema: networkList,
  }),
  denyNetworks: setting({
    env: 'NEO_SYNTHETIC_DENY_NETWORKS',
    fileKey: 'security.deny_networks',
    description:
      'Networks checks may never reach; link-local and cloud metadata (169.254.0.0/16, fe80::/10) by default.',
    default: [...DEFAULT_DENIED_NETWORKS] as string[],
    schema: networkList,
  }),
  reloadIntervalMs: setting({
    env: 'NEO_SYNTHETIC_RELOAD_INTERVAL_MS',
    fileKey: 'runner.reload_interval_ms',
    description:
      'How often the checks file is looked at for changes and API-made checks are re-read from Redis (events also trigger a re-read).',
    default: 2000,
    schema: z.coerce.number().int().min(100).max(600_000),
  }),
};

export const syntheticRunnerConfigSpec = {
  app: 'synthetic-runner',
  settings: syntheticRunnerSettings,
  file: syntheticRunnerFileSchema,
  fileEnv: 'NEO_SYNTHETIC_CONFIG',
  defaultFile: 'config/synthetic-runner.yaml',
};

export type SyntheticRunnerConfig = LoadedConfig<
  typeof syntheticRunnerSettings,
  typeof syntheticRunnerFileSchema
>;

export function loadSyntheticRunnerConfig(env: Env = process.env): SyntheticRunnerConfig {
  return loadConfig(syntheticRunnerConfigSpec, env);
}
