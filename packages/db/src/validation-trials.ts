import type { ReturnStatistics } from '@fleet/contracts';
import type { Kysely } from 'kysely';
import { type RunResult, runResultOf } from './metric-columns.js';
import { storedReturnStatistics } from './return-statistics-columns.js';
import type { Database } from './schema.js';

/** One succeeded run as the overfitting statistics of its group read it. */
export interface ValidationTrial {
  runIndex: number;
  strategy: string;
  symbol: string;
  params: Record<string, number>;
  settings: Record<string, number>;
  /** The fold and window of a validated sweep's run; null without validation. */
  fold: number | null;
  window: 'in_sample' | 'out_of_sample' | null;
  result: RunResult;
  /** Absent for a row stored before runs kept them. */
  returnStatistics: ReturnStatistics | undefined;
}

/** Which runs of a sweep {@link findValidationTrials} reads: all, or those of one strategy and/or symbol. */
export interface ValidationTrialFilter {
  strategy?: string;
  symbol?: string;
}

/**
 * Every succeeded run of a sweep (or of one strategy and symbol of it) with its metrics and stored return
 * statistics, ordered by strategy, symbol and run index: the trials of each group in run-index order, as CSCV's
 * tie rule needs them. One indexed scan of the sweep's rows; 10⁵ trials are ~45 MB of block statistics.
 *
 * @example
 * const trials = await findValidationTrials(db, sweepId, { strategy: 'sma_cross', symbol: 'ORCL' });
 */
export async function findValidationTrials(
  db: Kysely<Database>,
  sweepId: string,
  filter: ValidationTrialFilter = {},
): Promise<ValidationTrial[]> {
  let query = db.selectFrom('runs').selectAll().where('sweep_id', '=', sweepId).where('status', '=', 'succeeded');
  if (filter.strategy !== undefined) query = query.where('strategy', '=', filter.strategy);
  if (filter.symbol !== undefined) query = query.where('symbol', '=', filter.symbol);
  const rows = await query
    .orderBy('strategy')
    .orderBy('symbol')
    .orderBy('fold')
    .orderBy('window')
    .orderBy('run_index')
    .execute();
  return rows.map((row) => ({
    runIndex: row.run_index,
    strategy: row.strategy,
    symbol: row.symbol,
    params: row.params,
    settings: row.settings,
    fold: row.fold,
    window: row.window,
    result: runResultOf(row),
    returnStatistics: storedReturnStatistics(row),
  }));
}
