import { resumeSweepRuns } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** `fleet sweep resume ID`: continues a cancelled sweep, enqueueing again the runs that have no row. */
export async function resume(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const r = await resumeSweepRuns(ctx.db, ctx.queueFor(sweepId), sweepId);
  printResult(
    options.json === true,
    r,
    () =>
      `sweep ${sweepId} resumed (${r.status}): ${r.requeuedRuns} runs without a row requeued in ${r.requeuedJobs} jobs`,
  );
}
