import type { z } from 'zod';

/** Thrown at start-up when the environment is invalid; lists every bad variable, so one restart fixes them all. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
  readonly code = 'INVALID_ENV';

  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(`invalid environment: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
}
