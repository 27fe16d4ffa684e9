import { reconcileSweep } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** `fleet sweep reconcile ID`: re-enqueues planned runs that have neither a row nor a live job. */
export async function reconcile(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const r = await reconcileSweep(ctx.db, ctx.queueFor(sweepId), sweepId);
  printResult(
    options.json === true,
    r,
    () =>
      `sweep ${sweepId}: ${r.missing} runs without a row, ${r.covered} still queued or running, ${r.requeuedRuns} requeued in ${r.requeuedJobs} jobs`,
  );
}
