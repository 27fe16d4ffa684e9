import { RUN_JOB_NAME } from '@fleet/contracts';
import { type Database, type Kysely, listFoldSelections, nextRequeueGeneration } from '@fleet/db';
import type { SweepPlan } from '@fleet/planning';
import type { RunQueue } from '@fleet/queue';
import { outOfSampleJobOf } from './enqueue-selected-runs.js';

/**
 * Enqueues a subset of a sweep's runs again, grouped into jobs as the plan groups them. The job ids carry a fresh
 * requeue generation, so they never collide with the sweep's earlier jobs (which may still exist as completed). A
 * walk-forward sweep's out-of-sample runs are requeued with the parameters chosen for them; one not chosen yet is
 * skipped (its group's last in-sample row will choose and enqueue it). Returns the number of jobs enqueued.
 */
export async function requeueRuns(
  db: Kysely<Database>,
  queue: RunQueue,
  plan: SweepPlan,
  runIndexes: ReadonlySet<number>,
): Promise<number> {
  if (runIndexes.size === 0) return 0;
  const generation = await nextRequeueGeneration(db, plan.sweepId);
  let chunk: Parameters<RunQueue['addBulk']>[0] = [];
  let jobs = 0;
  const outOfSample = [...runIndexes].filter((i) => plan.outOfSampleAt(i));
  const chosen =
    outOfSample.length === 0
      ? []
      : (await listFoldSelections(db, plan.sweepId)).filter(
          (s) => s.chosen_run !== null && runIndexes.has(Number(s.run_index)),
        );
  for (const data of [...plan.jobsForRuns(runIndexes), ...chosen.map((s) => outOfSampleJobOf(plan, s))]) {
    chunk.push({ name: RUN_JOB_NAME, data, opts: { jobId: `${plan.sweepId}.g${generation}.${jobs++}` } });
    if (chunk.length >= 500) {
      await queue.addBulk(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await queue.addBulk(chunk);
  return jobs;
}
