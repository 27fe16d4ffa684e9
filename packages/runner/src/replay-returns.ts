import type { BacktestSettings } from '@fleet/contracts';
import { type BarSeries, runSweep } from '@fleet/engine';
import { simpleReturns } from '@fleet/validation';
import { engineBaseConfig } from './engine-config.js';
import { ReplayFailedError } from './replay-failed-error.js';

/** One stored run to replay: its strategy, parameters and resolved settings, as the worker ran it. */
export interface ReplayedRunSpec {
  readonly strategy: string;
  readonly params: Readonly<Record<string, number>>;
  readonly settings: BacktestSettings;
}

/**
 * The per-bar simple returns of runs on one series, recomputed by the engine exactly as a worker computed the
 * statistics it stored: the same sweep-mode engine call and the same return definition, so an exported returns
 * matrix reproduces the stored PSR, DSR and PBO. Runs that share strategy and settings go through the engine
 * together (indicators computed once), which makes a group of hundreds of runs a matter of seconds on one thread.
 * Runs of a validated sweep's window pass that window's `trading` (`tradingWindow` of their job): the series
 * then starts at the sweep's start for warm-up, and each run's returns start at the window's first bar.
 *
 * @throws {@link ReplayFailedError} naming the run when the engine refuses it (the stored run succeeded, so its code or data changed).
 * @example
 * const [returns] = replayReturns(series, [{ strategy: 'sma_cross', params: { fast: 10, slow: 50 }, settings }]);
 */
export function replayReturns(
  series: BarSeries,
  runs: readonly ReplayedRunSpec[],
  trading: { readonly tradeFrom?: number } = {},
): Float64Array[] {
  const returns = new Array<Float64Array>(runs.length);
  const batches = new Map<string, number[]>();
  runs.forEach((run, i) => {
    const key = JSON.stringify([run.strategy, run.settings]);
    const batch = batches.get(key) ?? [];
    batch.push(i);
    batches.set(key, batch);
  });
  for (const indexes of batches.values()) {
    const first = runs[indexes[0] as number] as ReplayedRunSpec;
    const outcomes = runSweep(
      series,
      { ...engineBaseConfig(first.settings, first.strategy), ...trading },
      indexes.map((i) => (runs[i] as ReplayedRunSpec).params),
    );
    outcomes.forEach((outcome, k) => {
      if (!outcome.ok) throw new ReplayFailedError(`replay of run ${indexes[k]} failed: ${outcome.error.message}`);
      returns[indexes[k] as number] = simpleReturns(outcome.equity);
    });
  }
  return returns;
}
