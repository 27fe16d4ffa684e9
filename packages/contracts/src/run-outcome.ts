import { z } from 'zod';
import { DataVersion } from './data-version.js';
import { AxisValues } from './setting-domain.js';

/** The statistics stored for a succeeded run; floats (approximate by nature), `null` where undefined. */
export const RunMetrics = z.strictObject({
  totalReturn: z.number().nullable(),
  cagr: z.number().nullable(),
  volatility: z.number().nullable(),
  sharpe: z.number().nullable(),
  sortino: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  maxDrawdownDuration: z.number().nullable(),
  calmar: z.number().nullable(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  averageTrade: z.number().nullable(),
  exposure: z.number().nullable(),
});
export type RunMetrics = z.infer<typeof RunMetrics>;

/** The run status vocabulary stored in `runs.status`. */
export const RunStatus = z.enum(['succeeded', 'failed']);
export type RunStatus = z.infer<typeof RunStatus>;

const RunIdentity = {
  sweepId: z.uuid(),
  runIndex: z.number().int().nonnegative(),
  strategy: z.string(),
  symbol: z.string(),
  params: z.record(z.string(), z.number()),
  /** The run's value of each setting its sweep sweeps (absent when none is), stored beside `params`. */
  settings: AxisValues.optional(),
  durationMs: z.number().nonnegative(),
  /** `ENGINE_VERSION` of the engine that ran it, so results of engines that compute differently are never mixed. */
  engineVersion: z.string().min(1),
  /** The worker's code: its git commit (`-dirty` when modified), `FLEET_CODE_VERSION`, or its package version. */
  codeVersion: z.string().min(1),
  /** Hash of everything the result depends on; equal keys mean an identical run, whose stored result can be reused. */
  cacheKey: z.string().min(1).optional(),
  /** True when this result was reused from an earlier identical run rather than computed. */
  cached: z.boolean().optional(),
};

/**
 * What a worker publishes for one run and the aggregator stores as one row: a result or a failure with its reason.
 * `(sweepId, runIndex)` is the run's unique key, so a redelivered outcome can never be stored twice. Every outcome
 * names the engine and code that produced it, and every result the {@link DataVersion} of the bars it ran on, so it
 * can be reproduced; a failure names the data version only when bars were loaded before it failed.
 */
export const RunOutcome = z.discriminatedUnion('status', [
  z.strictObject({
    ...RunIdentity,
    status: z.literal('succeeded'),
    dataVersion: DataVersion,
    finalEquity: z.string().regex(/^-?\d+(\.\d+)?$/),
    closedTrades: z.number().int().nonnegative(),
    winningTrades: z.number().int().nonnegative(),
    metrics: RunMetrics,
  }),
  z.strictObject({
    ...RunIdentity,
    status: z.literal('failed'),
    dataVersion: DataVersion.optional(),
    error: z.strictObject({ name: z.string(), code: z.string(), message: z.string() }),
  }),
]);
export type RunOutcome = z.infer<typeof RunOutcome>;
