import { RUN_JOB_NAME } from '@fleet/contracts';
import { type Database, type Kysely, nextRequeueGeneration } from '@fleet/db';
import type { SweepPlan } from '@fleet/planning';
import type { RunQueue } from '@fleet/queue';

/**
 * Enqueues a subset of a sweep's runs again, grouped into jobs as the plan groups them. The job ids carry a fresh
 * requeue generation, so they never collide with the sweep's earlier jobs (which may still exist as completed).
 * Returns the number of jobs enqueued.
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
  for (const data of plan.jobsForRuns(runIndexes)) {
    chunk.push({ name: RUN_JOB_NAME, data, opts: { jobId: `${plan.sweepId}.g${generation}.${jobs++}` } });
    if (chunk.length >= 500) {
      await queue.addBulk(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await queue.addBulk(chunk);
  return jobs;
}
