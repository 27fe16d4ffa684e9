import { type Database, deleteFailedRuns, type Kysely } from '@fleet/db';
import type { RunQueue } from '@fleet/queue';
import { requeueRuns } from './requeue-runs.js';
import { loadStoredSweep } from './stored-sweep-plan.js';

/** Runs a sweep's failed runs again: their rows are deleted (counters follow in the same commit) and they are requeued. */
export async function retryFailedRuns(
  db: Kysely<Database>,
  queue: RunQueue,
  sweepId: string,
): Promise<{ sweepId: string; retriedRuns: number; jobs: number }> {
  const { plan } = await loadStoredSweep(db, sweepId);
  const failed = await deleteFailedRuns(db, sweepId);
  const jobs = await requeueRuns(db, queue, plan, new Set(failed));
  return { sweepId, retriedRuns: failed.length, jobs };
}
