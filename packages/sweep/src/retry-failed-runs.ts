import { type Database, deleteFailedRuns, type Kysely } from '@fleet/db';
import type { RunQueue } from '@fleet/queue';
import { requeueRuns } from './requeue-runs.js';
import { loadStoredSweep } from './stored-sweep-plan.js';
import { SweepStateError } from './sweep-state-error.js';

/**
 * Runs a sweep's failed runs again: their rows are deleted (counters follow in the same commit) and they are requeued.
 * A cancelled sweep is refused: retrying would make it `running` again, and reconciliation would then re-enqueue
 * every run the cancel stopped. `fleet sweep resume` continues a cancelled sweep on purpose.
 */
export async function retryFailedRuns(
  db: Kysely<Database>,
  queue: RunQueue,
  sweepId: string,
): Promise<{ sweepId: string; retriedRuns: number; jobs: number }> {
  const { plan } = await loadStoredSweep(db, sweepId);
  const failed = await deleteFailedRuns(db, sweepId);
  if (!failed)
    throw new SweepStateError(
      sweepId,
      'cancelled',
      `sweep ${sweepId} is cancelled: retrying its failed runs would revive it; run \`fleet sweep resume ${sweepId}\` first`,
    );
  const jobs = await requeueRuns(db, queue, plan, new Set(failed));
  return { sweepId, retriedRuns: failed.length, jobs };
}
