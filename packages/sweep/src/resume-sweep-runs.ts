import { type Database, type Kysely, resumeSweep } from '@fleet/db';
import type { RunQueue } from '@fleet/queue';
import { reconcileSweep } from './reconcile-sweep.js';
import { SweepNotFoundError } from './sweep-not-found-error.js';
import { SweepStateError } from './sweep-state-error.js';

/** What {@link resumeSweepRuns} did. */
export interface ResumedSweep {
  sweepId: string;
  /** The status the sweep has now: `running`, or its finished status when every run already had a row. */
  status: string;
  /** Planned runs with no row when it resumed. */
  missing: number;
  /** Runs enqueued again, and the jobs that carry them. */
  requeuedRuns: number;
  requeuedJobs: number;
}

/**
 * Continues a cancelled sweep on purpose: it becomes `running` again and every planned run with neither a row nor a
 * live job is enqueued again (stored results, failures included, are kept; `retry-failed` re-runs those). Refuses a
 * sweep that is not cancelled, since there is nothing to resume.
 *
 * @example
 * const { requeuedRuns } = await resumeSweepRuns(db, queue, sweepId);
 */
export async function resumeSweepRuns(db: Kysely<Database>, queue: RunQueue, sweepId: string): Promise<ResumedSweep> {
  const resumed = await resumeSweep(db, sweepId);
  if (!resumed) throw new SweepNotFoundError(sweepId);
  const { status } = resumed.sweep;
  if (!resumed.resumed)
    throw new SweepStateError(sweepId, status, `sweep ${sweepId} is ${status}, not cancelled: nothing to resume`);
  const reconciled = await reconcileSweep(db, queue, sweepId);
  return {
    sweepId,
    status: reconciled.status,
    missing: reconciled.missing,
    requeuedRuns: reconciled.requeuedRuns,
    requeuedJobs: reconciled.requeuedJobs,
  };
}
