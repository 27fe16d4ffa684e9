import { z } from 'zod';

/** Lifecycle of a sweep as stored in `sweeps.status`. */
export const SweepStatus = z.enum(['queued', 'running', 'completed', 'completed_with_failures', 'cancelled']);
export type SweepStatus = z.infer<typeof SweepStatus>;

/** A sweep's progress as shown by `fleet sweep status --json`. */
export const SweepProgress = z.strictObject({
  sweepId: z.uuid(),
  name: z.string(),
  status: SweepStatus,
  total: z.number().int().nonnegative(),
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Succeeded runs whose result was reused from an identical earlier run (same settings, data, engine and code). */
  cached: z.number().int().nonnegative(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type SweepProgress = z.infer<typeof SweepProgress>;
