import { parseSweepBaseConfig, type SweepBaseConfig } from './backtest-config.js';
import type { BacktestResult } from './backtest-result.js';
import type { BarSeries } from './data/bar-series.js';
import { validateBars } from './data/validate-bars.js';
import { EngineError } from './errors.js';
import { IndicatorCache } from './indicators/indicator-cache.js';
import { decimalArithmetic } from './money/decimal-arithmetic.js';
import { simulate } from './simulate.js';
import { prepareStrategy } from './strategy/strategy-registry.js';

/** An error as plain data, so it survives structured cloning across worker threads. */
interface SweepError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

/**
 * One parameter set's outcome: a result with the run's equity marked at every bar's close (the result's curve is
 * sampled; per-bar statistics such as the validation package's need every bar), or the error that run failed with.
 */
export type SweepOutcome =
  | { ok: true; result: BacktestResult; equity: Float64Array }
  | { ok: false; error: SweepError };

function toSweepError(error: unknown): SweepError {
  if (error instanceof EngineError) return { name: error.name, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : 'Error', code: 'ENGINE_UNEXPECTED', message };
}

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /**
   * Called with each outcome as soon as it is known, in input order, so a caller on another thread can report
   * progress run by run (and tell which run was in flight if the thread has to be stopped). With it, outcomes are
   * streamed and none is kept: a job's equity curves and trades never pile up in memory.
   */
  onOutcome?: (outcome: SweepOutcome, index: number) => void;
}

/**
 * Runs many parameter sets of one strategy over the same bars, the shape a worker gets from a sweep. The bars and
 * base config are checked once and each indicator is computed once per distinct period and shared by every run.
 * Each parameter set gets its own outcome in input order; one bad set never fails the others, and this function
 * never throws (a bad series or base config fails every outcome with the same error). Without `onOutcome` the
 * outcomes are returned; with it they are only streamed to it.
 *
 * @example
 * const outcomes = runSweep(series, { strategy: 'sma_cross', cash: '100000' }, [{ fast: 5, slow: 20 }, { fast: 10, slow: 30 }]);
 * outcomes.filter((o) => o.ok).length; // 2
 * runSweep(series, base, paramSets, { onOutcome: (o, i) => send(i, o) }); // streamed, nothing retained
 */
export function runSweep(
  series: BarSeries,
  base: SweepBaseConfig,
  paramSets: readonly Readonly<Record<string, number>>[],
): SweepOutcome[];
export function runSweep(
  series: BarSeries,
  base: SweepBaseConfig,
  paramSets: readonly Readonly<Record<string, number>>[],
  options: RunSweepOptions & { onOutcome: NonNullable<RunSweepOptions['onOutcome']> },
): void;
export function runSweep(
  series: BarSeries,
  base: SweepBaseConfig,
  paramSets: readonly Readonly<Record<string, number>>[],
  options?: RunSweepOptions,
): SweepOutcome[] | undefined;
export function runSweep(
  series: BarSeries,
  base: SweepBaseConfig,
  paramSets: readonly Readonly<Record<string, number>>[],
  options: RunSweepOptions = {},
): SweepOutcome[] | undefined {
  const streamed = options.onOutcome;
  if (streamed) {
    forEachOutcome(series, base, paramSets, streamed);
    return undefined;
  }
  const outcomes: SweepOutcome[] = [];
  forEachOutcome(series, base, paramSets, (outcome) => outcomes.push(outcome));
  return outcomes;
}

function forEachOutcome(
  series: BarSeries,
  base: SweepBaseConfig,
  paramSets: readonly Readonly<Record<string, number>>[],
  emit: (outcome: SweepOutcome, index: number) => void,
): void {
  let checked: SweepBaseConfig;
  try {
    checked = parseSweepBaseConfig(base);
    validateBars(series);
  } catch (error) {
    const failure = { ok: false, error: toSweepError(error) } as const;
    for (let i = 0; i < paramSets.length; i++) emit(failure, i);
    return;
  }
  const indicators = new IndicatorCache(series);
  paramSets.forEach((params, i) => {
    let outcome: SweepOutcome;
    try {
      const strategy = prepareStrategy(checked.strategy, params);
      const { result, equity } = simulate({ series, base: checked, strategy, indicators, math: decimalArithmetic });
      outcome = { ok: true, result, equity };
    } catch (error) {
      outcome = { ok: false, error: toSweepError(error) };
    }
    emit(outcome, i);
  });
}
