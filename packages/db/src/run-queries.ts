import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Database, RunsTable } from './schema.js';

/** Metrics a leaderboard can be ordered by, mapped to their column; higher is better except where noted. */
export const RankableMetrics = {
  sharpe: 'sharpe',
  sortino: 'sortino',
  totalReturn: 'total_return',
  cagr: 'cagr',
  calmar: 'calmar',
  profitFactor: 'profit_factor',
  winRate: 'win_rate',
  finalEquity: 'final_equity',
  /** Drawdowns are stored as positive fractions, so the best run has the smallest. */
  maxDrawdown: 'max_drawdown',
  volatility: 'volatility',
} as const;
export type RankableMetric = keyof typeof RankableMetrics;

const ascendingMetrics: ReadonlySet<RankableMetric> = new Set(['maxDrawdown', 'volatility']);

/** A stored run as callers see it. */
export type RunRow = Selectable<RunsTable>;

/**
 * The best succeeded runs of a sweep by one metric, computed in Postgres so a sweep of any size costs one indexed query.
 *
 * @example
 * const top = await topRuns(db, sweepId, { by: 'sharpe', limit: 10 });
 */
export async function topRuns(
  db: Kysely<Database>,
  sweepId: string,
  options: { by?: RankableMetric; limit?: number } = {},
): Promise<RunRow[]> {
  const by = options.by ?? 'sharpe';
  const direction = ascendingMetrics.has(by) ? sql`asc` : sql`desc`;
  return db
    .selectFrom('runs')
    .selectAll()
    .where('sweep_id', '=', sweepId)
    .where('status', '=', 'succeeded')
    .orderBy(sql`${sql.ref(RankableMetrics[by])} ${direction} nulls last`)
    .orderBy('run_index')
    .limit(options.limit ?? 10)
    .execute();
}

/** Failed runs of a sweep with their reasons, in manifest order. */
export async function failedRuns(db: Kysely<Database>, sweepId: string, limit = 100): Promise<RunRow[]> {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('sweep_id', '=', sweepId)
    .where('status', '=', 'failed')
    .orderBy('run_index')
    .limit(limit)
    .execute();
}

/** Counts stored rows of a sweep by status, straight from `runs` (the counters on `sweeps` must always agree). */
export async function countRuns(db: Kysely<Database>, sweepId: string): Promise<{ succeeded: number; failed: number }> {
  const rows = await db
    .selectFrom('runs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sweep_id', '=', sweepId)
    .groupBy('status')
    .execute();
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { succeeded: by.succeeded ?? 0, failed: by.failed ?? 0 };
}
