import { z } from 'zod';
import { commonSettings, loadConfig, setting, type Env, type LoadedConfig } from '@neo/config';
import { syntheticRunnerFileSchema } from './synthetic-runner-file.schema';

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
