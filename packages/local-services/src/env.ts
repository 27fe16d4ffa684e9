import { DatabaseEnv, parseEnv, RedisEnv } from '@fleet/config';
import { z } from 'zod';
import { pathDirs } from './find-executable.js';

/** What the services wrapper reads from the environment; the only reader of `process.env` in this package. */
export const LocalServicesEnv = z.object({
  REDIS_URL: RedisEnv.shape.REDIS_URL,
  DATABASE_URL: DatabaseEnv.shape.DATABASE_URL,
});
export type LocalServicesEnv = z.infer<typeof LocalServicesEnv>;

export function readEnv(): LocalServicesEnv {
  return parseEnv(LocalServicesEnv, process.env);
}

/** The directories of this process's PATH, where server programs are looked up first. */
export function searchPath(): string[] {
  return pathDirs(process.env.PATH);
}

/** This process's environment with `overrides`, for the command run on the provided services. */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
