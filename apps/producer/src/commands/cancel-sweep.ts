import { cancelSweepRuns } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** `fleet sweep cancel ID`: records the cancel, removes waiting jobs, lets running ones finish. */
export async function cancel(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const result = await cancelSweepRuns(ctx.db, ctx.queueFor(sweepId), sweepId);
  printResult(options.json === true, result, () =>
    result.status === 'cancelled'
      ? `sweep ${sweepId} cancelled: ${result.removedJobs} waiting jobs removed; running jobs finish and are kept`
      : `sweep ${sweepId} had already finished (${result.status}); nothing to cancel`,
  );
}
