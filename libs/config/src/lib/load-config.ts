import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError } from './config-error';
import type { SettingMap, SettingValues } from './setting';
import { getPath, readYamlFile, type YamlFile } from './yaml-file';

export interface ConfigSpec<S extends SettingMap, F extends z.ZodType> {
  /** App name, used in messages. */
  readonly app: string;
  readonly settings: S;
  /** Schema of the YAML file's structured part (targets, rules, checks...). */
  readonly file: F;
  /** Env variable naming the YAML file, and the path used when it is unset (missing default file = defaults). */
  readonly fileEnv: string;
  readonly defaultFile: string;
}

export type LoadedConfig<S extends SettingMap, F extends z.ZodType> = SettingValues<S> & {
  readonly file: z.infer<F>;
  /** Path of the YAML file that was read, or undefined when running on defaults. */
  readonly configFile: string | undefined;
};

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads env and the optional YAML file, validates both and returns a deeply frozen object. Any problem throws
 * a ConfigError naming the file, line and key (or the env variable) so start-up can fail loudly with exit 1.
 */
export function loadConfig<S extends SettingMap, F extends z.ZodType>(
  spec: ConfigSpec<S, F>,
  env: Env = process.env,
): LoadedConfig<S, F> {
  const explicitFile = env[spec.fileEnv];
  const path = explicitFile || spec.defaultFile;
  let yaml: YamlFile | undefined;
  if (explicitFile || existsSync(path)) {
    yaml = readYamlFile(path);
  }
  const fileData = yaml?.data ?? {};

  const values: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(spec.settings)) {
    const fromEnv = env[def.env];
    const fromFile = def.fileKey ? getPath(fileData, def.fileKey) : undefined;
    const [raw, source] =
      fromEnv !== undefined && fromEnv !== ''
        ? [fromEnv, `env ${def.env}`]
        : fromFile !== undefined
          ? [fromFile, yaml ? yaml.locate(def.fileKey?.split('.') ?? []) : 'file']
          : [def.default, 'default'];
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const shown = def.secret ? '(secret)' : JSON.stringify(raw);
      throw new ConfigError(source, def.fileKey ?? def.env, `${firstIssue(parsed.error)} (got ${shown})`);
    }
    values[key] = parsed.data;
  }

  rejectUnknownSettingKeys(fileData, spec.settings, yaml);
  const structured = spec.file.safeParse(stripSettingKeys(fileData, spec.settings));
  if (!structured.success) {
    const issue = structured.error.issues[0];
    const key = issue.path.map(String).join('.') || '(root)';
    throw new ConfigError(yaml ? yaml.locate(issue.path) : `defaults of ${spec.app}`, key, issue.message);
  }
  return deepFreeze({ ...values, file: structured.data, configFile: yaml?.path }) as LoadedConfig<S, F>;
}

/** Removes top-level sections that only hold scalar settings, so strict file schemas do not reject them. */
function stripSettingKeys(data: unknown, settings: SettingMap): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const sections = new Set(
    Object.values(settings)
      .map((def) => def.fileKey?.split('.')[0])
      .filter((name): name is string => Boolean(name)),
  );
  return Object.fromEntries(Object.entries(data).filter(([name]) => !sections.has(name)));
}

/**
 * Sections such as `server:` hold only scalar settings and are taken out before the structured schema runs, so
 * a typo inside them would pass unnoticed; every key there must be a known setting.
 */
function rejectUnknownSettingKeys(data: unknown, settings: SettingMap, yaml: YamlFile | undefined): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
  const known = new Set(
    Object.values(settings)
      .map((def) => def.fileKey)
      .filter(Boolean),
  );
  const sections = new Set([...known].filter((key) => key?.includes('.')).map((key) => key?.split('.')[0]));
  for (const section of sections) {
    if (!section) continue;
    const value = (data as Record<string, unknown>)[section];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ConfigError(
        yaml ? yaml.locate([section]) : 'file',
        section,
        'expected a mapping of settings',
      );
    }
    for (const key of Object.keys(value)) {
      if (!known.has(`${section}.${key}`)) {
        const allowed = [...known].filter((k) => k?.startsWith(`${section}.`)).join(', ');
        throw new ConfigError(
          yaml ? yaml.locate([section, key]) : 'file',
          `${section}.${key}`,
          `unknown setting (known: ${allowed})`,
        );
      }
    }
  }
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid value';
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
