import { MetricTable } from '@fleet/contracts';
import type { ValidationTrial } from '@fleet/db';
import { metricValueOf, type ValidationSelection } from './validation-selection.js';

/** How one parameter set of a strategy did on each symbol. */
interface ConsistencyRow {
  /** The parameters and swept settings, as one `name=value …` label. */
  readonly label: string;
  readonly params: Record<string, number>;
  /** Per symbol (in {@link ConsistencyMatrix.symbols} order): the selection metric, or null where it did not run. */
  readonly values: readonly (number | null)[];
  /** Per symbol: its percentile among that symbol's runs of the strategy, 1 = the best, 0 = the worst. */
  readonly percentiles: readonly (number | null)[];
  /** The mean percentile over the symbols: how consistently good the set is, not how good on its luckiest symbol. */
  readonly meanPercentile: number;
}

/** A parameter set × symbol matrix of one strategy, its most consistent sets first. */
export interface ConsistencyMatrix {
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly rows: readonly ConsistencyRow[];
  /** Parameter sets of the strategy, of which `rows` shows the most consistent. */
  readonly parameterSets: number;
}

const labelOf = (trial: ValidationTrial): string =>
  Object.entries({ ...trial.settings, ...trial.params })
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/**
 * One {@link ConsistencyMatrix} per strategy of the trials: whether a parameter set that is best on one symbol is
 * also good on the others (a real edge tends to travel; an overfit one does not). Percentiles, not raw values, so that
 * symbols of different volatility weigh the same.
 *
 * @param limit most rows per strategy.
 * @defaultValue limit `20`
 * @example
 * consistencyMatrices(trials, { select: 'sharpe', minTrades: 0 })[0]?.rows[0]?.label; // 'fast=20 slow=120'
 */
export function consistencyMatrices(
  trials: readonly ValidationTrial[],
  selection: ValidationSelection,
  limit = 20,
): ConsistencyMatrix[] {
  const sign = MetricTable[selection.select].higherIsBetter ? 1 : -1;
  const byStrategy = new Map<string, ValidationTrial[]>();
  for (const trial of trials) byStrategy.set(trial.strategy, [...(byStrategy.get(trial.strategy) ?? []), trial]);
  return [...byStrategy].map(([strategy, runs]) => {
    const symbols = [...new Set(runs.map((r) => r.symbol))].sort();
    const percentile = new Map<ValidationTrial, number>();
    for (const symbol of symbols) {
      const scored = runs
        .filter((r) => r.symbol === symbol)
        .map((r) => ({ r, score: metricValueOf(r, selection.select) }))
        .filter((s): s is { r: ValidationTrial; score: number } => s.score !== null)
        .sort((a, b) => sign * (a.score - b.score));
      scored.forEach(({ r }, i) => {
        percentile.set(r, scored.length > 1 ? i / (scored.length - 1) : 1);
      });
    }
    const sets = new Map<string, ValidationTrial[]>();
    for (const r of runs) sets.set(labelOf(r), [...(sets.get(labelOf(r)) ?? []), r]);
    const rows = [...sets].map(([label, members]): ConsistencyRow => {
      const cells = symbols.map((symbol) => members.find((m) => m.symbol === symbol));
      const percentiles = cells.map((c) => (c ? (percentile.get(c) ?? null) : null));
      const known = percentiles.filter((p): p is number => p !== null);
      return {
        label,
        params: { ...(members[0] as ValidationTrial).settings, ...(members[0] as ValidationTrial).params },
        values: cells.map((c) => (c ? metricValueOf(c, selection.select) : null)),
        percentiles,
        meanPercentile: known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0,
      };
    });
    rows.sort((a, b) => b.meanPercentile - a.meanPercentile || a.label.localeCompare(b.label));
    return { strategy, symbols, rows: rows.slice(0, limit), parameterSets: rows.length };
  });
}
