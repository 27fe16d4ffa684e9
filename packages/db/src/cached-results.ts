import type { Kysely, Selectable } from 'kysely';
import type { Database, RunsTable } from './schema.js';

/** A stored result that an identical run can reuse. */
export type CachedResult = Pick<
  Selectable<RunsTable>,
  | 'cache_key'
  | 'data_version'
  | 'final_equity'
  | 'closed_trades'
  | 'winning_trades'
  | 'total_return'
  | 'cagr'
  | 'volatility'
  | 'sharpe'
  | 'sortino'
  | 'max_drawdown'
  | 'max_drawdown_duration'
  | 'calmar'
  | 'win_rate'
  | 'profit_factor'
  | 'average_trade'
  | 'exposure'
>;

/**
 * Finds stored results for run cache keys: one indexed lookup per job, returning at most one succeeded row per key.
 *
 * @example
 * const hits = await findCachedResults(db, ['3f…', '9a…']); // Map(cacheKey → stored result)
 */
export async function findCachedResults(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, CachedResult>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('runs')
    .distinctOn('cache_key')
    .select([
      'cache_key',
      'data_version',
      'final_equity',
      'closed_trades',
      'winning_trades',
      'total_return',
      'cagr',
      'volatility',
      'sharpe',
      'sortino',
      'max_drawdown',
      'max_drawdown_duration',
      'calmar',
      'win_rate',
      'profit_factor',
      'average_trade',
      'exposure',
    ])
    .where('cache_key', 'in', [...keys])
    .where('status', '=', 'succeeded')
    .orderBy('cache_key')
    .execute();
  return new Map(rows.map((r) => [r.cache_key as string, r]));
}
