import { RUN_JOB_NAME } from '@fleet/contracts';
import { type Database, type Kysely, listFoldSelections, storedRunBitmap } from '@fleet/db';
import { liveSweepJobs, type RunQueue } from '@fleet/queue';
import { enqueueSelectedRuns, outOfSampleJobId, outOfSampleJobOf } from './enqueue-selected-runs.js';
import { requeueRuns } from './requeue-runs.js';
import { loadStoredSweep } from './stored-sweep-plan.js';

/** What {@link reconcileSweep} found and did. */
export interface ReconcileResult {
  sweepId: string;
  /** The sweep's status; only a `queued` or `running` sweep has runs requeued. */
  status: string;
  /** Planned runs with no row. */
  missing: number;
  /** Of those, runs a waiting or running job still carries. */
  covered: number;
  /** Runs enqueued again, and the jobs that carry them. */
  requeuedRuns: number;
  requeuedJobs: number;
}

/**
 * Makes sure every planned run of an unfinished sweep either has a row or a live job: runs with neither (lost with a
 * Redis crash, a removed job, an interrupted submit) are enqueued again. Safe to run at any time and repeatedly: a
 * run enqueued twice is stored once. A finished or cancelled sweep is only counted, never requeued. Memory stays at
 * two bytes per planned run (which runs have a row, which a live job) plus the runs to requeue. A walk-forward
 * sweep's chosen out-of-sample runs not yet enqueued are enqueued first; those not chosen yet are not missing.
 *
 * @example
 * const { requeuedRuns } = await reconcileSweep(db, queue, sweepId);
 */
export async function reconcileSweep(db: Kysely<Database>, queue: RunQueue, sweepId: string): Promise<ReconcileResult> {
  const { row, plan } = await loadStoredSweep(db, sweepId);
  const result = { sweepId, status: row.status, missing: 0, covered: 0, requeuedRuns: 0, requeuedJobs: 0 };
  const unfinished = row.status === 'queued' || row.status === 'running';
  // Chosen out-of-sample runs not yet enqueued go first, under their own deterministic ids.
  if (unfinished) await enqueueSelectedRuns(db, queue, [sweepId]);
  // An out-of-sample run not chosen yet has neither row nor job, rightly: it is not lost.
  const selections = await listFoldSelections(db, sweepId);
  const unchosen = new Set(selections.filter((s) => s.selected_at === null).map((s) => Number(s.run_index)));
  // Live jobs first: a run whose job completes between the two reads then has a row, and is not requeued needlessly.
  const live = new Uint8Array(plan.totalRuns);
  for (const job of await liveSweepJobs(queue, sweepId))
    for (const i of job.runIndexes) if (i >= 0 && i < plan.totalRuns) live[i] = 1;
  const stored = await storedRunBitmap(db, sweepId, plan.totalRuns);
  const lost = new Set<number>();
  for (let i = 0; i < plan.totalRuns; i++) {
    if (stored[i] || unchosen.has(i)) continue;
    result.missing++;
    if (live[i]) result.covered++;
    else if (unfinished) lost.add(i);
  }
  // An out-of-sample run keeps its one deterministic job: while that job exists in any state (a completed one's
  // outcome may still wait in the results stream) it is not lost; only a job Redis no longer has is added again,
  // under the same id, so no out-of-sample run is ever carried by two jobs.
  const readded: Parameters<RunQueue['addBulk']>[0] = [];
  for (const s of selections) {
    const runIndex = Number(s.run_index);
    if (!lost.has(runIndex)) continue;
    lost.delete(runIndex);
    const id = outOfSampleJobId(sweepId, runIndex);
    if (await queue.getJob(id)) result.covered++;
    else readded.push({ name: RUN_JOB_NAME, data: outOfSampleJobOf(plan, s), opts: { jobId: id } });
  }
  if (readded.length > 0) await queue.addBulk(readded);
  result.requeuedJobs = (await requeueRuns(db, queue, plan, lost)) + readded.length;
  result.requeuedRuns = lost.size + readded.length;
  return result;
}
