import type { RunJob, RunOutcome } from '@fleet/contracts';
import type { BarSeries } from '@fleet/engine';
import type { ErrorData, EvaluatedProvenance } from './evaluate-runs.js';

/** What the pool sends an engine thread: the runs of one job and their bars (read in place when in shared memory). */
export interface EngineTask {
  taskId: number;
  job: RunJob;
  series: BarSeries;
  provenance: EvaluatedProvenance;
}

/**
 * What an engine thread sends back: `started` once it begins the task (after its own start-up), each run's outcome
 * in order, then `done` (or `error` for a thread-level fault).
 */
export type EngineThreadMessage =
  | { type: 'started'; taskId: number }
  | { type: 'outcome'; taskId: number; index: number; outcome: RunOutcome }
  | { type: 'done'; taskId: number }
  | { type: 'error'; taskId: number; error: ErrorData };
