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

/** One parameter set's outcome: a result, or the error that run failed with. */
export type SweepOutcome = { ok: true; result: BacktestResult } | { ok: false; error: SweepError };

function toSweepError(error: unknown): SweepError {
  if (error instanceof EngineError) return { name: error.name, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : 'Error', code: 'ENGINE_UNEXPECTED', message };
}

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /**
   * Called with each outcome as soon as it is known, in input order, so a caller on another thread can report
   * progress run by run (and tell which run was in flight if the thread has to be stopped).
   */
  onOutcome?: (outcome: SweepOutcome, index: number) => void;
}

/**
 * Runs many parameter sets of one strategy over the same bars, the shape a worker gets from a sweep. The bars and
 * base config are checked once and each indicator is computed once per distinct period and shared by every run.
 * Each parameter set gets its own outcome in input order; one bad set never fails the others, and this function
 * never throws (a bad series or base config fails every outcome with the same error).
 *
 * @example
 * const outcomes = runSweep(series, { strategy: 'sma_cross', cash: '100000' }, [{ fast: 5, slow: 20 }, { fast: 10, slow: 30 }]);
 * outcomes.filter((o) => o.ok).length; // 2
 */
export function runSweep(
  series: BarSeries,
  base: SweepBaseConfig,
  paramSets: readonly Readonly<Record<string, number>>[],
  options: RunSweepOptions = {},
): SweepOutcome[] {
  const report = (outcome: SweepOutcome, index: number) => {
    options.onOutcome?.(outcome, index);
    return outcome;
  };
  let checked: SweepBaseConfig;
  try {
    checked = parseSweepBaseConfig(base);
    validateBars(series);
  } catch (error) {
    const failure = { ok: false, error: toSweepError(error) } as const;
    return paramSets.map((_, i) => report(failure, i));
  }
  const indicators = new IndicatorCache(series);
  return paramSets.map((params, i): SweepOutcome => {
    try {
      const strategy = prepareStrategy(checked.strategy, params);
      return report(
        { ok: true, result: simulate({ series, base: checked, strategy, indicators, math: decimalArithmetic }) },
        i,
      );
    } catch (error) {
      return report({ ok: false, error: toSweepError(error) }, i);
    }
  });
}
