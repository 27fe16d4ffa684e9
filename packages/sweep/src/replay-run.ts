import { SweepSpec } from '@fleet/contracts';
import { type Database, findRun, findSweep, type Kysely, loadBars, type RunRow } from '@fleet/db';
import { type EquityPoint, runBacktest } from '@fleet/engine';
import { FleetAttributes, withSpan } from '@fleet/telemetry';
import { Decimal } from 'decimal.js';
import { SweepNotFoundError } from './watch-sweep.js';

/** Thrown when a sweep has no succeeded run under a run index, so there is nothing to replay. */
export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
  readonly code = 'RUN_NOT_FOUND';
}

/** A stored run replayed through the engine. */
export interface ReplayedRun {
  run: RunRow;
  /** At most 1000 points `{time, equity, drawdown}`, see the engine's `BacktestResult.equityCurve`. */
  equityCurve: EquityPoint[];
  finalEquity: string;
  /** Whether the replay's final equity equals the stored one to the last digit: the engine's determinism, shown. */
  reproduced: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Recomputes one stored run with the same bars and settings its worker used (the sweep's stored spec, the worker's
 * mapping of `size`, `commission` and `slippageBps`), because runs do not store equity curves: the engine is pure
 * and deterministic, so replaying costs one bar query and milliseconds of engine time, and proves the stored result.
 *
 * @throws {@link SweepNotFoundError}, {@link RunNotFoundError}
 * @example
 * const { equityCurve, reproduced } = await replayRun(db, sweepId, 42);
 */
export async function replayRun(db: Kysely<Database>, sweepId: string, runIndex: number): Promise<ReplayedRun> {
  const sweep = await findSweep(db, sweepId);
  if (!sweep) throw new SweepNotFoundError(sweepId);
  const run = await findRun(db, sweepId, runIndex);
  if (run?.status !== 'succeeded' || run.final_equity === null)
    throw new RunNotFoundError(`sweep ${sweepId} has no succeeded run ${runIndex}`);
  const spec = SweepSpec.parse(sweep.spec);
  // The same inclusive UTC day range a worker loads for the job (apps/worker jobTimeRange).
  const from = Date.parse(`${spec.start}T00:00:00Z`);
  const to = Date.parse(`${spec.end}T00:00:00Z`) + DAY_MS - 1;
  const attributes = { [FleetAttributes.sweepId]: sweepId, [FleetAttributes.symbol]: run.symbol };
  const bars = await withSpan('load-bars', { attributes }, () => loadBars(db, run.symbol, spec.interval, from, to));
  const result = await withSpan('engine-run', { attributes }, () =>
    runBacktest(bars, {
      strategy: run.strategy,
      params: run.params,
      cash: spec.cash,
      sizing: { kind: 'units', units: spec.size },
      commission: { kind: 'percent', rate: spec.commission },
      slippageBps: spec.slippageBps,
    }),
  );
  return {
    run,
    equityCurve: result.equityCurve,
    finalEquity: result.finalEquity,
    reproduced: new Decimal(result.finalEquity).eq(run.final_equity),
  };
}
