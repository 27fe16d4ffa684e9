import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rangeEndMs, rangeStartMs, runSettings, SweepSpec } from '@fleet/contracts';
import { type Database, findRun, findStrategyBundle, type Kysely, loadBars, type RunRow, runResultOf } from '@fleet/db';
import { type EquityPoint, runBacktest, runPortfolioBacktest, type WeightPoint } from '@fleet/engine';
import { bundledStrategyKey, engineConfig, loadStrategyBundle, tradingWindow } from '@fleet/runner';
import { FleetAttributes, withSpan } from '@fleet/telemetry';
import { Decimal } from 'decimal.js';
import { RunNotFoundError } from './run-not-found-error.js';
import { loadStoredSweep } from './stored-sweep-plan.js';
import type { SweepNotFoundError } from './sweep-not-found-error.js';

/** A stored run replayed through the engine. */
export interface ReplayedRun {
  run: RunRow;
  /** At most 1000 points `{time, equity, drawdown}`, see the engine's `BacktestResult.equityCurve`. */
  equityCurve: EquityPoint[];
  /**
   * Buy-and-hold of the same symbol over the same bars at the curve's points: the run's starting equity invested at
   * the first bar's close, without costs, as the `excessReturn` metric measures it.
   */
  buyAndHold: { time: number; equity: number }[];
  finalEquity: string;
  /** Whether the replay's final equity equals the stored one to the last digit: the engine's determinism, shown. */
  reproduced: boolean;
  /**
   * A portfolio run's symbols (ascending) and each one's weight of equity over time, replayed rather than stored:
   * the stacked weights chart of the run page.
   */
  portfolio?: { symbols: string[]; weightCurve: WeightPoint[] };
}

/**
 * Recomputes one stored run with the same bars and settings its worker used (the sweep's stored spec with the run's
 * strategy settings and its stored swept values, mapped to the engine by the runner's one {@link engineConfig}, as the worker maps them), because runs do not store
 * equity curves: the engine is pure and deterministic, so replaying costs one bar query and milliseconds of engine time, and proves the stored result.
 * A run of a strategy file replays the very bundle it ran (by its stored hash, the bytes checked against it), loaded
 * into this process from `bundleDir`: replaying runs the file's code here, as `fleet backtest --strategy-file` does.
 *
 * @throws {@link SweepNotFoundError}, {@link RunNotFoundError}
 * @example
 * const { equityCurve, reproduced } = await replayRun(db, sweepId, 42);
 */
export async function replayRun(
  db: Kysely<Database>,
  sweepId: string,
  runIndex: number,
  options: { bundleDir?: string } = {},
): Promise<ReplayedRun> {
  const { plan, row } = await loadStoredSweep(db, sweepId);
  const run = await findRun(db, sweepId, runIndex);
  const stored = run && runResultOf(run).finalEquity;
  if (run?.status !== 'succeeded' || stored == null)
    throw new RunNotFoundError(`sweep ${sweepId} has no succeeded run ${runIndex}`);
  const { start, end, interval } = SweepSpec.parse(row.spec);
  // A validated sweep's run trades in its window, after warm-up from the sweep's start, as its job did.
  const window = plan.windowOf(runIndex);
  // The same inclusive UTC range a worker loads for the job (jobTimeRange in @fleet/runner).
  const from = rangeStartMs(start);
  const to = rangeEndMs(window?.end ?? end);
  const settings = runSettings({ settings: plan.settingsOf(runIndex) }, { settings: run.settings });
  const attributes = { [FleetAttributes.sweepId]: row.id, [FleetAttributes.symbol]: run.symbol };
  let strategy = run.strategy;
  if (run.strategy_bundle !== null) {
    const bundle = await findStrategyBundle(db, run.strategy_bundle);
    if (!bundle)
      throw new RunNotFoundError(`run ${runIndex} of sweep ${sweepId} ran a strategy bundle that is not stored`);
    await loadStrategyBundle(bundle.hash, bundle.bundle, options.bundleDir ?? join(tmpdir(), 'fleet-strategy-bundles'));
    strategy = bundledStrategyKey(run.strategy, bundle.hash);
  }
  if (run.universe !== null) {
    const symbols = run.symbol.split(',');
    const universe = await withSpan('load-bars', { attributes }, () =>
      Promise.all(symbols.map((symbol) => loadBars(db, symbol, interval, from, to))),
    );
    const result = await withSpan('engine-run', { attributes }, () =>
      runPortfolioBacktest(universe, engineConfig(settings, strategy, run.params)),
    );
    return {
      run,
      equityCurve: result.equityCurve,
      finalEquity: result.finalEquity,
      reproduced: new Decimal(result.finalEquity).eq(stored),
      // A universe has no one series to hold, so a portfolio run has no benchmark line yet.
      buyAndHold: [],
      portfolio: { symbols: result.symbols.map((s) => s.symbol), weightCurve: result.weightCurve },
    };
  }
  const bars = await withSpan('load-bars', { attributes }, () => loadBars(db, run.symbol, interval, from, to));
  const result = await withSpan('engine-run', { attributes }, () =>
    runBacktest(bars, { ...engineConfig(settings, strategy, run.params), ...tradingWindow({ window }) }),
  );
  const barAt = new Map(Array.from(bars.time, (time, i) => [time, i]));
  const startEquity = result.equityCurve[0]?.equity ?? 0;
  const firstClose = bars.close[0] as number;
  const buyAndHold = result.equityCurve.map(({ time }) => ({
    time,
    equity: (startEquity * (bars.close[barAt.get(time) as number] as number)) / firstClose,
  }));
  return {
    run,
    equityCurve: result.equityCurve,
    buyAndHold,
    finalEquity: result.finalEquity,
    reproduced: new Decimal(result.finalEquity).eq(stored),
  };
}
