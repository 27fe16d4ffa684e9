import { reconcileSweep } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** `fleet sweep reconcile ID`: re-enqueues planned runs that have neither a row nor a live job. */
export async function reconcile(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const r = await reconcileSweep(ctx.db, ctx.queueFor(sweepId), sweepId);
  const counted = `${r.missing} runs without a row, ${r.covered} still queued or running`;
  printResult(options.json === true, r, () => {
    if (r.status === 'cancelled')
      return `sweep ${sweepId} is cancelled: ${counted}; nothing requeued (\`fleet sweep resume ${sweepId}\` continues it)`;
    if (r.status !== 'queued' && r.status !== 'running')
      return `sweep ${sweepId} is ${r.status}: ${counted}; nothing requeued`;
    return `sweep ${sweepId}: ${counted}, ${r.requeuedRuns} requeued in ${r.requeuedJobs} jobs`;
  });
}
