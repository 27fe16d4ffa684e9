import { RUN_JOB_NAME } from '@fleet/contracts';
import {
  type Database,
  type FoldSelectionRow,
  type Kysely,
  markFoldSelectionsEnqueued,
  pendingFoldSelections,
} from '@fleet/db';
import type { SweepPlan } from '@fleet/planning';
import type { RunQueue } from '@fleet/queue';
import { loadStoredSweep } from './stored-sweep-plan.js';

/** The deterministic BullMQ job id of a walk-forward sweep's out-of-sample run. */
export function outOfSampleJobId(sweepId: string, runIndex: number): string {
  return `${sweepId}.oos.${runIndex}`;
}

/** The job that runs a chosen out-of-sample slot: the group's strategy, symbol and settings, with the chosen run's parameters. */
export function outOfSampleJobOf(plan: SweepPlan, selection: FoldSelectionRow) {
  const slot = plan.outOfSampleAt(Number(selection.run_index));
  if (!slot) throw new RangeError(`run ${selection.run_index} is not an out-of-sample run of sweep ${plan.sweepId}`);
  return plan.outOfSampleJob(slot, { params: selection.params ?? {}, settings: selection.settings ?? {} });
}

/**
 * Enqueues the chosen out-of-sample runs whose jobs are not yet recorded as enqueued, of the given sweeps (or of every
 * unfinished sweep), and records them. Whoever calls it — the aggregator after the commit that chose them, the
 * reconciler, twice, concurrently, after a kill -9 between the add and the record — the job ids are deterministic
 * (`<sweepId>.oos.<runIndex>`), so BullMQ adds each job once, and the run key stores its outcome once. Returns the
 * number of runs it handed to the queue.
 *
 * @example
 * await enqueueSelectedRuns(db, queue, stored.pendingOutOfSample);
 */
export async function enqueueSelectedRuns(
  db: Kysely<Database>,
  queue: RunQueue,
  sweepIds?: readonly string[],
  owns: (sweepId: string) => boolean = () => true,
): Promise<number> {
  const pending = (await pendingFoldSelections(db, sweepIds)).filter((s) => owns(s.sweep_id));
  let enqueued = 0;
  for (const sweepId of [...new Set(pending.map((s) => s.sweep_id))]) {
    const { plan } = await loadStoredSweep(db, sweepId);
    const mine = pending.filter((s) => s.sweep_id === sweepId);
    await queue.addBulk(
      mine.map((s) => ({
        name: RUN_JOB_NAME,
        data: outOfSampleJobOf(plan, s),
        opts: { jobId: outOfSampleJobId(sweepId, Number(s.run_index)) },
      })),
    );
    await markFoldSelectionsEnqueued(
      db,
      sweepId,
      mine.map((s) => Number(s.run_index)),
    );
    enqueued += mine.length;
  }
  return enqueued;
}
