import { z } from 'zod';

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
  durationMs: z.number().nonnegative(),
};

/**
 * What a worker publishes for one run and the aggregator stores as one row: a result or a failure with its reason.
 * `(sweepId, runIndex)` is the run's unique key, so a redelivered outcome can never be stored twice.
 */
export const RunOutcome = z.discriminatedUnion('status', [
  z.strictObject({
    ...RunIdentity,
    status: z.literal('succeeded'),
    finalEquity: z.string().regex(/^-?\d+(\.\d+)?$/),
    closedTrades: z.number().int().nonnegative(),
    winningTrades: z.number().int().nonnegative(),
    metrics: RunMetrics,
  }),
  z.strictObject({
    ...RunIdentity,
    status: z.literal('failed'),
    error: z.strictObject({ name: z.string(), code: z.string(), message: z.string() }),
  }),
]);
export type RunOutcome = z.infer<typeof RunOutcome>;
