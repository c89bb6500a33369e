import { readFileSync } from 'node:fs';
import type { AuthorizationConfig, BasicAuthConfig } from '../config/scrape-auth.schema';

/**
 * The Authorization header of a job, resolved on every scrape so rotated secret files are picked up. The
 * secret never leaves `header()`: targets, logs and /api/v1/targets only ever see the job's name.
 */
export interface ScrapeAuth {
  header(): string;
}

/** The job's auth, or undefined when it has none. */
export function scrapeAuth(
  basic?: BasicAuthConfig,
  authorization?: AuthorizationConfig,
): ScrapeAuth | undefined {
  if (basic) {
    return {
      header: () => {
        const password =
          readSecret('password', basic.password, basic.password_file, basic.password_env) ?? '';
        return `Basic ${Buffer.from(`${basic.username}:${password}`).toString('base64')}`;
      },
    };
  }
  if (authorization) {
    return {
      header: () =>
        `${authorization.type} ${readSecret('credentials', authorization.credentials, authorization.credentials_file, authorization.credentials_env) ?? ''}`,
    };
  }
  return undefined;
}

/** Error messages name the file or variable, never its content. */
function readSecret(what: string, inline?: string, file?: string, env?: string): string | undefined {
  if (inline !== undefined) return inline;
  if (file !== undefined) {
    try {
      // Prometheus trims the file: editors leave a trailing newline.
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new Error(
        `cannot read ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }
  if (env !== undefined) {
    const value = process.env[env];
    if (value === undefined) throw new Error(`${what} environment variable ${env} is not set`);
    return value;
  }
  return undefined;
}
