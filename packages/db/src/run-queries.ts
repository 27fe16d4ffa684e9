import { type Expression, MetricTable, type RankableMetric, RankableMetrics } from '@fleet/contracts';
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { expressionToSql } from './expression-to-sql.js';
import { RunQueryError } from './run-query-error.js';
import type { Database, RunsTable } from './schema.js';

/** A stored run as callers see it. */
export type RunRow = Selectable<RunsTable>;

/**
 * The best succeeded runs of a sweep by one metric (best first: largest, or smallest where lower is better),
 * computed in Postgres so a sweep of any size costs one indexed query. `where` may name the sweep's `paramNames`
 * (see {@link expressionToSql}).
 *
 * @example
 * const top = await topRuns(db, sweepId, { by: 'sharpe', limit: 10 });
 */
export async function topRuns(
  db: Kysely<Database>,
  sweepId: string,
  options: { by?: RankableMetric; limit?: number; where?: Expression; paramNames?: readonly string[] } = {},
): Promise<RunRow[]> {
  const by = options.by ?? 'sharpe';
  if (!RankableMetrics.includes(by)) throw new RunQueryError(`'${by}' is not a metric runs can be ranked by`);
  const metric = MetricTable[by];
  const direction = metric.higherIsBetter ? sql`desc` : sql`asc`;
  const filter = options.where ? expressionToSql(options.where, options.paramNames) : sql<boolean>`true`;
  return db
    .selectFrom('runs')
    .selectAll()
    .where('sweep_id', '=', sweepId)
    .where('status', '=', 'succeeded')
    .where(filter)
    .orderBy(sql`${sql.ref(metric.column)} ${direction} nulls last`)
    .orderBy('run_index')
    .limit(options.limit ?? 10)
    .execute();
}

/**
 * Streams every run of a sweep in run-index order, a page at a time (keyset pagination, so each page is one indexed
 * query and memory stays bounded however large the sweep is).
 */
export async function* streamRuns(db: Kysely<Database>, sweepId: string, pageSize = 5_000): AsyncGenerator<RunRow[]> {
  let after = -1;
  for (;;) {
    const page = await db
      .selectFrom('runs')
      .selectAll()
      .where('sweep_id', '=', sweepId)
      .where('run_index', '>', after)
      .orderBy('run_index')
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    yield page;
    after = (page[page.length - 1] as RunRow).run_index;
  }
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
