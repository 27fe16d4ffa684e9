import { MetricTable, type RankableMetric, RankableMetrics, type RunMetrics } from '@fleet/contracts';
import type { ValidationTrial } from '@fleet/db';
import { z } from 'zod';

/** How a group's best row is picked: by which metric, and how many closed trades a run needs to be eligible. */
export interface ValidationSelection {
  /** @defaultValue `'sharpe'` */
  readonly select: RankableMetric;
  /** Runs with fewer closed trades are never selected, nor called best. @defaultValue 0 */
  readonly minTrades: number;
}

// Only the two keys the selection needs, read leniently: the sweep file's `validation:` block (holdout,
// walk-forward) is validated strictly where it is defined, at submit.
const SpecSelection = z.object({
  validation: z
    .object({ select: z.enum(RankableMetrics).optional(), minTrades: z.number().int().nonnegative().optional() })
    .optional(),
});

/**
 * The {@link ValidationSelection} of a stored sweep spec: its `validation:` block's `select` and `minTrades` when it
 * has one, else `sharpe` with every run eligible.
 *
 * @example
 * validationSelectionOf(row.spec); // { select: 'sharpe', minTrades: 0 } for a sweep without a validation block
 */
export function validationSelectionOf(spec: unknown): ValidationSelection {
  const parsed = SpecSelection.safeParse(spec);
  const validation = parsed.success ? parsed.data.validation : undefined;
  return { select: validation?.select ?? 'sharpe', minTrades: validation?.minTrades ?? 0 };
}

/** A trial's value of a metric, whichever side of the outcome (ledger totals or statistics) carries it. */
export function metricValueOf(trial: ValidationTrial, metric: RankableMetric): number | null {
  const value =
    MetricTable[metric].source === 'ledger'
      ? (trial.result as unknown as Record<string, unknown>)[metric]
      : trial.result.metrics[metric as keyof RunMetrics];
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * The best eligible trial by a selection, in run-index order so that ties go to the lowest run index; `undefined`
 * when no trial has enough closed trades and a value of the metric.
 */
export function bestTrial(
  trials: readonly ValidationTrial[],
  { select, minTrades }: ValidationSelection,
): ValidationTrial | undefined {
  const sign = MetricTable[select].higherIsBetter ? 1 : -1;
  let best: ValidationTrial | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const trial of trials) {
    if ((trial.result.closedTrades ?? 0) < minTrades) continue;
    const value = metricValueOf(trial, select);
    if (value === null) continue;
    const score = sign * value;
    if (score > bestScore || (score === bestScore && best && trial.runIndex < best.runIndex)) {
      best = trial;
      bestScore = score;
    }
  }
  return best;
}
