import { cancelSweep, type Database, type Kysely } from '@fleet/db';
import { type RunQueue, removeWaitingSweepJobs } from '@fleet/queue';
import { SweepNotFoundError } from './sweep-not-found-error.js';

/**
 * Cancels a sweep: Postgres records `cancelled` first (workers skip the jobs of a cancelled sweep), then its waiting
 * jobs are removed from the queue; running jobs finish and their results are still stored.
 */
export async function cancelSweepRuns(
  db: Kysely<Database>,
  queue: RunQueue,
  sweepId: string,
): Promise<{ sweepId: string; status: string; removedJobs: number }> {
  const row = await cancelSweep(db, sweepId);
  if (!row) throw new SweepNotFoundError(sweepId);
  const removedJobs = row.status === 'cancelled' ? await removeWaitingSweepJobs(queue, sweepId) : 0;
  return { sweepId, status: row.status, removedJobs };
}
