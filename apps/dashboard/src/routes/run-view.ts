import { QueueNames } from '@fleet/contracts';
import { type RunResult, type RunRow, runResultOf } from '@fleet/db';
import type { SweepPlan } from '@fleet/planning';
import { runJobId } from '@fleet/queue';

/** A stored run as the sweep pages show it: metrics by their API names, and the link to its job in Bull Board. */
export type RunView = RunResult & {
  runIndex: number;
  strategy: string;
  symbol: string;
  status: string;
  params: Record<string, number>;
  durationMs: number;
  error: { name: string; code: string; message: string } | null;
  jobId: string;
  jobUrl: string;
};

/**
 * Maps a run row to its {@link RunView}; the plan gives the job that carried the run, whose BullMQ id the Bull Board
 * link needs (finished jobs are trimmed from Redis after a while, failed ones are kept for a week).
 */
export function toRunView(row: RunRow, plan: SweepPlan): RunView {
  const jobId = runJobId(row.sweep_id, plan.jobIndexOf(row.run_index));
  return {
    runIndex: row.run_index,
    strategy: row.strategy,
    symbol: row.symbol,
    status: row.status,
    params: row.params,
    ...runResultOf(row),
    durationMs: row.duration_ms,
    error:
      row.status === 'failed'
        ? { name: row.error_name ?? '', code: row.error_code ?? '', message: row.error_message ?? '' }
        : null,
    jobId,
    jobUrl: `/queues/queue/${QueueNames.runs}/${encodeURIComponent(jobId)}`,
  };
}
