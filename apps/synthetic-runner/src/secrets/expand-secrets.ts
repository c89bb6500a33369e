import { readFileSync } from 'node:fs';

const TEMPLATE = /\$\{(env|file):([^}]+)\}/g;

/** A secret that could not be read; the message names the source, never a value. */
export class SecretUnavailable extends Error {}

/**
 * Expands `${env:NAME}` and `${file:/path}` at the moment of use, so definitions, the API and logs only ever hold
 * the reference. Files are read each time (rotated secrets take effect without a restart); one trailing newline
 * is dropped.
 */
export function expandSecrets(
  text: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (!text.includes('${')) return text;
  return text.replace(TEMPLATE, (_match, source: string, ref: string) => {
    if (source === 'env') {
      const value = env[ref];
      if (value === undefined) throw new SecretUnavailable(`secret env ${ref} is not set`);
      return value;
    }
    try {
      return readFileSync(ref, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new SecretUnavailable(`secret file ${ref} cannot be read`);
    }
  });
}

/** Whether a string refers to a secret (so views can say so instead of showing it). */
export function hasSecretReference(text: string): boolean {
  return /\$\{(env|file):[^}]+\}/.test(text);
}
