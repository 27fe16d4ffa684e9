import { z } from 'zod';
import { BacktestSettings } from './backtest-settings.js';
import { RangeBound } from './range-bound.js';
import { TraceCarrier } from './trace-carrier.js';

/** One planned run inside a job: its index in the sweep's manifest and its parameter values. */
export const PlannedRun = z.strictObject({
  index: z.number().int().nonnegative(),
  params: z.record(z.string(), z.number().finite()),
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
  settings: BacktestSettings,
  /** Longest time one run may take before it is stopped and recorded as failed with reason `timeout`. */
  runTimeoutMs: z.number().int().positive().optional(),
  /** `false` computes every run even when an identical run's result is stored (`fleet sweep submit --no-cache`). */
  cache: z.boolean().optional(),
  /** The data version the sweep was submitted against; bars of another version are not used. */
  dataVersion: z.string().optional(),
  runs: z.array(PlannedRun).min(1).max(10_000),
  /** The submitting trace, so the worker's spans join the sweep's trace. */
  trace: TraceCarrier.optional(),
});
export type RunJob = z.infer<typeof RunJob>;

/**
 * Largest serialized RunJob accepted. Payloads live in Redis until their job is trimmed, so a runaway job size (huge
 * runs-per-job, or many parameters) would eat the queue's memory; both the producer and workers enforce it.
 */
export const MAX_RUN_JOB_BYTES = 256 * 1024;

/** The serialized size of a RunJob payload in bytes, as it is stored in Redis. */
export function runJobBytes(job: unknown): number {
  return Buffer.byteLength(JSON.stringify(job));
}
