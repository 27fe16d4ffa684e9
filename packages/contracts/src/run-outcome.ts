import { z } from 'zod';
import { DataVersion } from './data-version.js';
import {
  type LedgerName,
  LedgerNames,
  MetricTable,
  type MetricType,
  type StatisticName,
  StatisticNames,
} from './metric-table.js';
import { ReturnStatistics } from './return-statistics.js';
import { AxisValues } from './setting-domain.js';
import { StrategyBundleHash } from './strategy-bundle-hash.js';
import { SampleWindow } from './validation-spec.js';

/** The statistics stored for a succeeded run ({@link MetricTable}); floats (approximate by nature), `null` where undefined. */
export const RunMetrics = z.strictObject(
  Object.fromEntries(StatisticNames.map((n) => [n, z.number().nullable()])) as {
    [N in StatisticName]: z.ZodNullable<z.ZodNumber>;
  },
);
export type RunMetrics = z.infer<typeof RunMetrics>;

const ledgerSchemas = {
  decimal: z.string().regex(/^-?\d+(\.\d+)?$/),
  integer: z.number().int().nonnegative(),
  float: z.number(),
} as const satisfies Record<MetricType, z.ZodType>;

/** The exact totals a succeeded outcome carries beside its statistics (`finalEquity`, `closedTrades`, …). */
const RunLedger = Object.fromEntries(LedgerNames.map((n) => [n, ledgerSchemas[MetricTable[n].type]])) as {
  [N in LedgerName]: (typeof ledgerSchemas)[(typeof MetricTable)[N]['type']];
};

/** One symbol's line in a portfolio run's {@link RunOutcome} `symbolSummary`. */
export const SymbolSummary = z.strictObject({
  symbol: z.string(),
  pnl: z.string().regex(/^-?\d+(\.\d+)?$/),
  commission: z.string().regex(/^-?\d+(\.\d+)?$/),
  fills: z.number().int().nonnegative(),
  closedTrades: z.number().int().nonnegative(),
  exposure: z.number().nullable(),
  finalUnits: z.string().regex(/^-?\d+$/),
});
export type SymbolSummary = z.infer<typeof SymbolSummary>;

const RunIdentity = {
  sweepId: z.uuid(),
  runIndex: z.number().int().nonnegative(),
  strategy: z.string(),
  symbol: z.string(),
  params: z.record(z.string(), z.number()),
  /** The run's value of each setting its sweep sweeps (absent when none is), stored beside `params`. */
  settings: AxisValues.optional(),
  /** The fold a validated sweep's run traded in, and which of its windows (both absent without validation). */
  fold: z.number().int().nonnegative().optional(),
  window: SampleWindow.optional(),
  durationMs: z.number().nonnegative(),
  /** The universe a portfolio strategy's run traded (its symbols are `symbol`, joined by `,`). */
  universe: z.string().optional(),
  /** `ENGINE_VERSION` of the engine that ran it, so results of engines that compute differently are never mixed. */
  engineVersion: z.string().min(1),
  /** The worker's code: its git commit (`-dirty` when modified), `FLEET_CODE_VERSION`, or its package version. */
  codeVersion: z.string().min(1),
  /** Hash of everything the result depends on; equal keys mean an identical run, whose stored result can be reused. */
  cacheKey: z.string().min(1).optional(),
  /** The strategy file's bundle hash ({@link StrategyBundleHash}) when the strategy came from one. */
  strategyBundle: StrategyBundleHash.optional(),
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
    ...RunLedger,
    metrics: RunMetrics,
    /** A portfolio run's per-symbol contribution: what each symbol added (exact P&L), its fills, trades and exposure. */
    symbolSummary: z.array(SymbolSummary).optional(),
    /** Always sent by workers; absent only from outcomes built by hand or by a worker that predates it. */
    returnStatistics: ReturnStatistics.optional(),
  }),
  z.strictObject({
    ...RunIdentity,
    status: z.literal('failed'),
    dataVersion: DataVersion.optional(),
    error: z.strictObject({ name: z.string(), code: z.string(), message: z.string() }),
  }),
]);
export type RunOutcome = z.infer<typeof RunOutcome>;
