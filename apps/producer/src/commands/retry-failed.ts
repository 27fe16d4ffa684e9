import { retryFailedRuns } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** `fleet sweep retry-failed ID`: runs the sweep's failed runs again. */
export async function retryFailed(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const r = await retryFailedRuns(ctx.db, ctx.queueFor(sweepId), sweepId);
  printResult(
    options.json === true,
    r,
    () => `sweep ${sweepId}: ${r.retriedRuns} failed runs requeued in ${r.jobs} jobs`,
  );
}
