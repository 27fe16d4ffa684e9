import { liveSweepJobs } from '@fleet/queue';
import { watchSweep } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { isInteractive } from '../env.js';
import { printResult } from '../print-result.js';
import { ProgressReporter } from '../progress-reporter.js';

/** `fleet sweep watch ID`: live progress (done, failed, running, queued, runs/s, ETA) until the sweep finishes. */
export async function watch(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const reporter = new ProgressReporter('runs', 'runs', isInteractive() && !options.json, true);
  let queue = { running: 0, queued: 0, at: 0 };
  const final = await watchSweep(ctx.db, sweepId, (p) => {
    reporter.update({ done: p.succeeded + p.failed, total: p.total, failed: p.failed, ...queue });
    // Reading the queue costs more than reading Postgres, so it is refreshed less often than the counters.
    if (Date.now() - queue.at > 2_000) {
      queue.at = Date.now();
      void liveSweepJobs(ctx.queueFor(sweepId), sweepId)
        .then((jobs) => {
          const runs = (state: string) =>
            jobs.filter((j) => j.state === state).reduce((n, j) => n + j.runIndexes.length, 0);
          queue = { running: runs('active'), queued: runs('waiting'), at: queue.at };
        })
        .catch(() => undefined);
    }
  });
  reporter.stop();
  printResult(
    options.json === true,
    final,
    () => `sweep ${sweepId} ${final.status}: ${final.succeeded} succeeded, ${final.failed} failed of ${final.total}`,
  );
}
