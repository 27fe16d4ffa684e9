import { QueueNames, type SymbolSummary, strategyFileLabel } from '@fleet/contracts';
import { type RunResult, type RunRow, storedRunOf } from '@fleet/db';
import type { SweepPlan } from '@fleet/planning';
import { runJobId } from '@fleet/queue';
import { outOfSampleJobId } from '@fleet/sweep';

/** A stored run as the sweep pages show it: metrics by their API names, and the link to its job in Bull Board. */
export type RunView = RunResult & {
  runIndex: number;
  strategy: string;
  /** For a strategy file's run: its file name and short bundle hash (`momentum.ts@1a2b3c4d`). */
  strategyFile: string | null;
  symbol: string;
  /** The universe of a portfolio strategy's run, else null. */
  universe: string | null;
  /** A portfolio run's per-symbol contribution, else null. */
  symbolSummary: SymbolSummary[] | null;
  status: string;
  params: Record<string, number>;
  durationMs: number;
  error: { name: string; code: string; message: string } | null;
  jobId: string;
  jobUrl: string;
};

/**
 * Maps a run row to its {@link RunView}; the plan gives the job that carried the run, whose BullMQ id the Bull Board
 * link needs, or a walk-forward's out-of-sample job (finished jobs are trimmed from Redis after a while, failed ones are kept for a week).
 */
export function toRunView(row: RunRow, plan: SweepPlan): RunView {
  const {
    sweepId,
    runIndex,
    strategy,
    strategyBundle,
    symbol,
    universe,
    symbolSummary,
    status,
    params,
    settings,
    durationMs,
    error,
    result,
  } = storedRunOf(row);
  // A walk-forward's out-of-sample run is no planned job's: its job is enqueued once chosen, under its own id.
  const jobId = plan.outOfSampleAt(runIndex)
    ? outOfSampleJobId(sweepId, runIndex)
    : runJobId(sweepId, plan.jobIndexOf(runIndex));
  return {
    runIndex,
    strategy,
    strategyFile: strategyFileLabel(plan.spec, strategyBundle),
    symbol,
    universe,
    symbolSummary,
    status,
    // Swept settings read as parameters on every page: columns, filters, heatmap axes.
    params: { ...settings, ...params },
    ...result,
    durationMs,
    error: error && { name: error.name ?? '', code: error.code ?? '', message: error.message ?? '' },
    jobId,
    jobUrl: `/queues/queue/${QueueNames.runs}/${encodeURIComponent(jobId)}`,
  };
}
