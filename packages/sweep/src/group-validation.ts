import type { RankableMetric } from '@fleet/contracts';
import type { ValidationTrial } from '@fleet/db';
import {
  deflatedSharpeRatio,
  type LogitHistogram,
  probabilisticSharpeRatio,
  probabilityOfBacktestOverfitting,
  type SharpeEstimate,
  sampleVariance,
} from '@fleet/validation';
import { type ParameterNeighbourhood, parameterNeighbourhood } from './parameter-neighbourhood.js';
import { bestTrial, metricValueOf, type ValidationSelection } from './validation-selection.js';

/** The best row of a group, as validation reports it. */
interface ValidatedBest {
  readonly runIndex: number;
  readonly params: Record<string, number>;
  readonly settings: Record<string, number>;
  /** Its value of the selection metric. */
  readonly value: number;
  readonly closedTrades: number;
  /** Its per-bar Sharpe SR̂, the estimate PSR and DSR test. */
  readonly barSharpe: number | null;
}

/**
 * How far one group's best row can be trusted: the group is the runs of one strategy on one symbol over the sweep's
 * range, its trials every succeeded run of it.
 */
export interface GroupValidation {
  readonly strategy: string;
  readonly symbol: string;
  /** The fold and window of a validated sweep's group; null without validation. */
  readonly fold: number | null;
  readonly window: 'in_sample' | 'out_of_sample' | null;
  readonly select: RankableMetric;
  readonly minTrades: number;
  /** N, the trials of the group: its succeeded runs with stored return statistics. */
  readonly trials: number;
  /** Succeeded runs stored before runs kept return statistics, left out of N. */
  readonly withoutStatistics: number;
  readonly best: ValidatedBest | null;
  /** PSR(0) of the best: the probability its true per-bar Sharpe is above 0, ignoring that it was selected. */
  readonly psr: number | null;
  /** DSR of the best: PSR against the Sharpe the best of N skill-less trials would reach by luck. */
  readonly dsr: number | null;
  /** V, the sample variance of the trials' per-bar Sharpes. */
  readonly sharpeVariance: number | null;
  /** The probability of backtest overfitting by CSCV over the trials' block statistics; null below 2 trials. */
  readonly pbo: number | null;
  readonly medianLogit: number | null;
  readonly logitHistogram: LogitHistogram | null;
  readonly neighbourhood: ParameterNeighbourhood | null;
}

function estimateOf(trial: ValidationTrial): SharpeEstimate | undefined {
  const stats = trial.returnStatistics;
  const sharpe = trial.result.metrics.barSharpe;
  if (!stats || sharpe === null || stats.observations < 2) return undefined;
  return { sharpe, observations: stats.observations, skewness: stats.skewness, kurtosis: stats.kurtosis };
}

/**
 * The {@link GroupValidation} of one group's trials (in run-index order): N, the best eligible row by the
 * selection, its PSR(0) and DSR (N trials, V of their per-bar Sharpes), the group's PBO with its median λ and λ
 * histogram, and where the best sits among its grid neighbours. Pure: the CLI and the dashboard both call it on
 * what `findValidationTrials` read.
 *
 * @param chosen the row to test instead of the selection's best (a row another ranking put first).
 *
 * @example
 * const group = validateGroup(trials, { select: 'sharpe', minTrades: 10 });
 * group.dsr; // e.g. 0.31: the best is likely luck
 */
export function validateGroup(
  all: readonly ValidationTrial[],
  selection: ValidationSelection,
  chosen?: ValidationTrial,
): GroupValidation {
  const first = all[0];
  const trials = all.filter((t) => t.returnStatistics !== undefined && t.result.metrics.barSharpe !== null);
  const best = chosen ?? bestTrial(trials, selection);
  const sharpes = trials.map((t) => t.result.metrics.barSharpe as number);
  const sharpeVariance = trials.length > 0 ? sampleVariance(sharpes) : null;
  const estimate = best ? estimateOf(best) : undefined;
  const blocks = trials.map((t) => t.returnStatistics?.blocks ?? null);
  const overfitting =
    trials.length >= 2 && blocks.every((b) => b !== null)
      ? probabilityOfBacktestOverfitting(blocks as number[][])
      : undefined;
  return {
    strategy: first?.strategy ?? '',
    symbol: first?.symbol ?? '',
    fold: first?.fold ?? null,
    window: first?.window ?? null,
    select: selection.select,
    minTrades: selection.minTrades,
    trials: trials.length,
    withoutStatistics: all.length - trials.length,
    best: best
      ? {
          runIndex: best.runIndex,
          params: best.params,
          settings: best.settings,
          value: metricValueOf(best, selection.select) as number,
          closedTrades: best.result.closedTrades ?? 0,
          barSharpe: best.result.metrics.barSharpe,
        }
      : null,
    psr: estimate ? probabilisticSharpeRatio(estimate, 0) : null,
    dsr:
      estimate && sharpeVariance !== null
        ? deflatedSharpeRatio(estimate, { trials: trials.length, sharpeVariance })
        : null,
    sharpeVariance,
    pbo: overfitting?.pbo ?? null,
    medianLogit: overfitting?.medianLogit ?? null,
    logitHistogram: overfitting?.histogram ?? null,
    neighbourhood: best ? parameterNeighbourhood(trials, best, selection) : null,
  };
}
