import type { z } from 'zod';
import { EnvError } from './env-error.js';

/**
 * Parses an environment with a zod object schema, the one place where raw env strings become typed config.
 *
 * @example
 * const env = parseEnv(z.object({ ...RedisEnv.shape, ...DatabaseEnv.shape }), process.env);
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new EnvError(parsed.error.issues);
  return parsed.data;
}
