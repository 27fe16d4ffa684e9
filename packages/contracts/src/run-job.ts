import { z } from 'zod';
import { BacktestSettings, mergeSettings, resolveSettings } from './backtest-settings.js';
import { RangeBound } from './range-bound.js';
import { AxisValues } from './setting-domain.js';
import { TraceCarrier } from './trace-carrier.js';
import { RunWindow } from './validation-spec.js';

/**
 * One planned run inside a job: its index in the sweep's manifest, its parameter values and, when the sweep has
 * setting axes, this run's value of each swept setting (on top of the job's settings).
 */
export const PlannedRun = z.strictObject({
  index: z.number().int().nonnegative(),
  params: z.record(z.string(), z.number().finite()),
  settings: AxisValues.optional(),
});
export type PlannedRun = z.infer<typeof PlannedRun>;

/**
 * The payload of one job on the runs queue: several runs of one strategy on one symbol, so a job is
 * well above the queue's per-job overhead while the bars are loaded once. Workers parse it again on
 * receipt because Redis content is untrusted.
 */
export const RunJob = z.strictObject({
  sweepId: z.uuid(),
  strategy: z.string().min(1),
  symbol: z.string().min(1),
  interval: z.string().min(1),
  start: RangeBound,
  end: RangeBound,
  /** The settings every run of the job shares, resolved; a run's swept settings go on top ({@link runSettings}). */
  settings: BacktestSettings,
  /** Longest time one run may take before it is stopped and recorded as failed with reason `timeout`. */
  runTimeoutMs: z.number().int().positive().optional(),
  /** `false` computes every run even when an identical run's result is stored (`fleet sweep submit --no-cache`). */
  cache: z.boolean().optional(),
  /** The data version the sweep was submitted against; bars of another version are not used. */
  dataVersion: z.string().optional(),
  /** The trading window of a validated sweep's runs: bars from `start` are warm-up, orders start on `window.from`. */
  window: RunWindow.optional(),
  runs: z.array(PlannedRun).min(1).max(10_000),
  /** The submitting trace, so the worker's spans join the sweep's trace. */
  trace: TraceCarrier.optional(),
});
export type RunJob = z.infer<typeof RunJob>;

/** The complete settings one planned run of a job uses: the job's, with the run's swept values on top. */
export function runSettings(job: Pick<RunJob, 'settings'>, run: Pick<PlannedRun, 'settings'>): BacktestSettings {
  return run.settings === undefined ? job.settings : resolveSettings(mergeSettings(job.settings, run.settings));
}

/**
 * Largest serialized RunJob accepted. Payloads live in Redis until their job is trimmed, so a runaway job size (huge
 * runs-per-job, or many parameters) would eat the queue's memory; both the producer and workers enforce it.
 */
export const MAX_RUN_JOB_BYTES = 256 * 1024;

/** The serialized size of a RunJob payload in bytes, as it is stored in Redis. */
export function runJobBytes(job: unknown): number {
  return Buffer.byteLength(JSON.stringify(job));
}
