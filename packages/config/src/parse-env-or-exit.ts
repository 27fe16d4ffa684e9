import type { z } from 'zod';
import { parseEnv } from './parse-env.js';

/**
 * {@link parseEnv} for a service's start-up: a bad environment is printed as one line naming the service and every
 * bad variable, and the process exits with code 1, instead of an uncaught error's stack trace burying the variable.
 *
 * @example
 * export const readEnv = () => parseEnvOrExit('worker', WorkerConfig, process.env);
 * // worker: invalid environment: WORKER_CONCURRENCY: Too small: expected number to be >=1
 */
export function parseEnvOrExit<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  try {
    return parseEnv(schema, env);
  } catch (error) {
    if ((error as Error).name !== 'EnvError') throw error;
    process.stderr.write(`${service}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
