import { z } from 'zod';

// A secret comes from one of: inline (discouraged), a file re-read on every scrape (rotation works, as
// Prometheus' *_file), or an environment variable (NEO's *_env, for platforms that inject secrets so).

export const basicAuthSchema = z
  .object({
    username: z.string().min(1),
    password: z.string().optional(),
    password_file: z.string().min(1).optional(),
    password_env: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (a) => [a.password, a.password_file, a.password_env].filter((v) => v !== undefined).length <= 1,
    'set only one of password, password_file, password_env',
  );

export const authorizationSchema = z
  .object({
    type: z.string().min(1).default('Bearer'),
    credentials: z.string().optional(),
    credentials_file: z.string().min(1).optional(),
    credentials_env: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (a) => [a.credentials, a.credentials_file, a.credentials_env].filter((v) => v !== undefined).length === 1,
    'set exactly one of credentials, credentials_file, credentials_env',
  );

export type BasicAuthConfig = z.infer<typeof basicAuthSchema>;
export type AuthorizationConfig = z.infer<typeof authorizationSchema>;
