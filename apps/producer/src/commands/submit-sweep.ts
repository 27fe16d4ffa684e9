import { listBarSeries } from '@fleet/db';
import { listStrategies } from '@fleet/engine';
import { checkSweepReferences, readSweepFile, SweepFileError, submitSweep, watchSweep } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { isInteractive } from '../env.js';
import { printResult } from '../print-result.js';
import { ProgressReporter } from '../progress-reporter.js';

/** Options of `fleet sweep submit`. */
export interface SubmitOptions {
  id?: string;
  wait?: boolean;
  json?: boolean;
  runsPerJob?: number;
}

/** `fleet sweep submit FILE`: validates, records the manifest, enqueues, and with `--wait` follows it to the end. */
export async function submit(ctx: CliContext, file: string, options: SubmitOptions): Promise<void> {
  const startedAt = Date.now();
  const spec = await readSweepFile(file);
  const stored = await listBarSeries(ctx.db);
  const problems = checkSweepReferences(spec, {
    strategies: listStrategies().map((s) => s.name),
    symbols: new Set(stored.filter((s) => s.interval === spec.interval).map((s) => s.symbol)),
  });
  if (problems.length > 0) throw new SweepFileError(file, problems);

  const interactive = isInteractive() && !options.json;
  const enqueueing = new ProgressReporter('enqueue', 'jobs', interactive);
  const submitted = await submitSweep({
    db: ctx.db,
    queue: ctx.queue,
    spec,
    ...(options.id ? { idempotencyKey: options.id } : {}),
    ...(options.runsPerJob ? { runsPerJob: options.runsPerJob } : {}),
    onProgress: (done, total) => enqueueing.update({ done, total }),
  });
  enqueueing.stop();
  if (!options.json) {
    process.stderr.write(
      `sweep ${submitted.sweepId} '${spec.name}': ${submitted.total} runs in ${submitted.jobs} jobs` +
        `${submitted.created ? '' : ` (resumed; ${submitted.enqueuedNow} jobs enqueued now)`}\n`,
    );
  }

  let final: Awaited<ReturnType<typeof watchSweep>> | undefined;
  if (options.wait) {
    const running = new ProgressReporter('runs', 'runs', interactive);
    final = await watchSweep(ctx.db, submitted.sweepId, (p) =>
      running.update({ done: p.succeeded + p.failed, total: p.total, failed: p.failed }),
    );
    running.stop();
  }
  const elapsedMs = Date.now() - startedAt;
  const runsPerSecond = final
    ? Math.round(((final.succeeded + final.failed) / Math.max(elapsedMs, 1)) * 1000)
    : undefined;
  const waited = final
    ? { status: final.status, succeeded: final.succeeded, failed: final.failed, elapsedMs, runsPerSecond }
    : {};
  printResult(options.json === true, { ...submitted, ...waited }, () =>
    final
      ? `sweep ${submitted.sweepId} ${final.status}: ${final.succeeded} succeeded, ${final.failed} failed of ${final.total} in ${(elapsedMs / 1000).toFixed(1)} s (${runsPerSecond} runs/s)`
      : `sweep ${submitted.sweepId} submitted; follow it with: fleet sweep status ${submitted.sweepId}`,
  );
}
