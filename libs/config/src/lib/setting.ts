import type { z } from 'zod';

/**
 * One scalar setting: where it comes from (an env variable, optionally a key in the app's YAML file), what it
 * means and what it is when nobody sets it. Env wins over the file, the file over the default.
 */
export interface SettingDef<T> {
  readonly env: string;
  readonly description: string;
  readonly default: T;
  /** Parses the raw value; env values arrive as strings, so use z.coerce for numbers and booleans. */
  readonly schema: z.ZodType<T>;
  /** Dotted path in the YAML file, e.g. `server.port`. */
  readonly fileKey?: string;
  /** Secrets are masked whenever the config is described or logged. */
  readonly secret?: boolean;
}

export function setting<T>(def: SettingDef<T>): SettingDef<T> {
  return def;
}

// `unknown` keeps heterogeneous setting maps assignable; values are re-typed through SettingValues.
export type SettingMap = Record<string, SettingDef<unknown>>;
export type SettingValues<S extends SettingMap> = {
  readonly [K in keyof S]: S[K] extends SettingDef<infer T> ? T : never;
};

/** Booleans from env: "true/false/1/0/yes/no", case-insensitive. */
export function parseBooleanText(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return raw;
}
