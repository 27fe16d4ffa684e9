import type { RunOutcome } from '@fleet/contracts';
import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import { METRIC_COLUMNS, metricColumnsOf } from './metric-columns.js';
import type { Database, MetricColumns, RunsTable } from './schema.js';
import { transactionWithCopy } from './transaction-with-copy.js';

/** What one call of {@link storeRunOutcomes} did; duplicates are redeliveries absorbed by the run's unique key. */
export interface StoreRunOutcomesResult {
  inserted: number;
  /** Failed rows that a result of the same run replaced (see {@link storeRunOutcomes}). */
  replaced: number;
  duplicates: number;
  /** Outcomes of sweeps that no longer exist (deleted); dropped, since nothing could ever read them. */
  orphaned: number;
  /** Outcomes with a run index at or past their sweep's total (forged or buggy jobs); dropped, never counted. */
  outOfPlan: number;
  /** Sweeps whose last planned run was stored by this call. */
  finishedSweeps: { sweepId: string; status: string }[];
}

/** One outcome per run of a batch, a result winning over a failure (one INSERT may not touch a row twice). */
function onePerRun(outcomes: readonly RunOutcome[]): RunOutcome[] {
  const byRun = new Map<string, RunOutcome>();
  for (const o of outcomes) {
    const key = `${o.sweepId}:${o.runIndex}`;
    const kept = byRun.get(key);
    if (!kept || (kept.status === 'failed' && o.status === 'succeeded')) byRun.set(key, o);
  }
  return [...byRun.values()];
}

/** The metric columns of a failed run's row: all null, so a failure's row names every column a result's does. */
const NO_METRICS = Object.fromEntries(METRIC_COLUMNS.map((c) => [c, null])) as Insertable<MetricColumns>;

/**
 * The one mapping from an outcome to its `runs` row. Every row names every outcome column (the metric columns from
 * the {@link MetricTable}, nulls where they do not apply), so the columns a batch copies, inserts and overwrites when
 * a result replaces a failure are exactly this row's keys: a column added here is stored with no other change.
 */
export function runRowOf(o: RunOutcome): Insertable<RunsTable> {
  const row: Record<string, unknown> = {
    sweep_id: o.sweepId,
    run_index: o.runIndex,
    strategy: o.strategy,
    symbol: o.symbol,
    params: JSON.stringify(o.params),
    settings: JSON.stringify(o.settings ?? {}),
    status: o.status,
    duration_ms: o.durationMs,
    data_version: o.dataVersion ?? null,
    cache_key: o.cacheKey ?? null,
    cached: o.cached ?? false,
    engine_version: o.engineVersion,
    code_version: o.codeVersion,
  };
  // Assigned, not spread: spreading objects of this many keys costs tens of µs a row, more than the COPY itself.
  const metrics: Readonly<Record<string, unknown>> = o.status === 'succeeded' ? metricColumnsOf(o) : NO_METRICS;
  for (const c of METRIC_COLUMNS) row[c] = metrics[c];
  const error = o.status === 'failed' ? o.error : undefined;
  row.error_name = error?.name ?? null;
  row.error_code = error?.code ?? null;
  row.error_message = error?.message ?? null;
  return row as Insertable<RunsTable>;
}

/** The run's key, which a stored row never changes. */
const KEY_COLUMNS: readonly string[] = ['sweep_id', 'run_index'] satisfies (keyof RunsTable)[];

/**
 * Stores a batch of run outcomes in one transaction: the batch's rows are COPYed into a temporary staging table, then
 * one INSERT … SELECT … ON CONFLICT on the run key moves the planned ones into `runs`, and the sweeps' counters
 * advance by exactly the rows written, so totals stay right however often a batch is redelivered. A stored row is
 * never overwritten, except that a result replaces a failure of the same run (counters move from failed to
 * succeeded): a failure redelivered after `retry-failed` deleted it must not shut out the retried run's result.
 * A sweep whose counters reach its total is closed as `completed` or `completed_with_failures` in the same COMMIT.
 */
export async function storeRunOutcomes(
  db: Kysely<Database>,
  outcomes: readonly RunOutcome[],
): Promise<StoreRunOutcomesResult> {
  if (outcomes.length === 0)
    return { inserted: 0, replaced: 0, duplicates: 0, orphaned: 0, outOfPlan: 0, finishedSweeps: [] };
  const rows = onePerRun(outcomes).map(runRowOf);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))] as (keyof RunsTable & string)[];
  return transactionWithCopy(db, async (trx, copyRows) => {
    // Temporary: private to this session, gone at COMMIT or ROLLBACK, never WAL-logged, and needing only the
    // TEMP privilege every role has (an unlogged table would need CREATE on the schema, and could be left behind).
    // Copied before the sweeps are locked, so concurrent aggregators overlap their COPYs.
    await sql`create temporary table run_staging on commit drop as
      select ${sql.join(columns.map((c) => sql.ref(c)))} from runs with no data`.execute(trx);
    await copyRows('run_staging', columns, rows);

    const sweepIds = [...new Set(outcomes.map((o) => o.sweepId))].sort();
    // Locking the sweep rows in id order serializes aggregators per sweep and rules out deadlocks between them.
    const existing = await trx
      .selectFrom('sweeps')
      .select(['id', 'total'])
      .where('id', 'in', sweepIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    const totals = new Map(existing.map((s) => [s.id, Number(s.total)]));
    const known = outcomes.filter((o) => totals.has(o.sweepId));
    // An index past the plan would be counted towards the total and could close a sweep with planned runs missing.
    const offered = known.filter((o) => o.runIndex < (totals.get(o.sweepId) as number));
    // The join applies the same two rules to the staged rows: only existing sweeps, only indexes inside the plan.
    const written = await trx
      .insertInto('runs')
      .columns(columns)
      .expression(sql`select s.* from run_staging s join sweeps w on w.id = s.sweep_id where s.run_index < w.total`)
      .onConflict((oc) =>
        oc
          .columns(['sweep_id', 'run_index'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              columns.filter((c) => !KEY_COLUMNS.includes(c)).map((c) => [c, eb.ref(`excluded.${c}`)]),
            ),
          )
          .where('runs.status', '=', 'failed')
          .where('excluded.status', '=', 'succeeded'),
      )
      // xmax is set on a row version an UPDATE wrote, and 0 on a freshly inserted one.
      .returning(['sweep_id', 'status', 'cached', sql<boolean>`xmax <> 0`.as('replaced')])
      .execute();

    const tally = new Map<string, { succeeded: number; failed: number; cached: number }>();
    for (const r of written) {
      const t = tally.get(r.sweep_id) ?? { succeeded: 0, failed: 0, cached: 0 };
      t[r.status] += 1;
      if (r.replaced) t.failed -= 1;
      if (r.cached) t.cached += 1;
      tally.set(r.sweep_id, t);
    }
    const finishedSweeps: StoreRunOutcomesResult['finishedSweeps'] = [];
    for (const [sweepId, t] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
      const done = sql<boolean>`succeeded + failed + ${t.succeeded + t.failed} >= total`;
      const updated = await trx
        .updateTable('sweeps')
        .set({
          succeeded: sql`succeeded + ${t.succeeded}`,
          failed: sql`failed + ${t.failed}`,
          cached: sql`cached + ${t.cached}`,
          started_at: sql`coalesce(started_at, now())`,
          last_progress_at: sql`now()`,
          status: sql`case
            when status = 'cancelled' then status
            when ${done} then case when failed + ${t.failed} > 0 then 'completed_with_failures' else 'completed' end
            else 'running' end`,
          finished_at: sql`case when ${done} and finished_at is null then now() else finished_at end`,
        })
        .where('id', '=', sweepId)
        .returning([
          'status',
          sql<boolean>`succeeded + failed >= total and succeeded + failed - ${t.succeeded + t.failed} < total`.as(
            'finished',
          ),
        ])
        .executeTakeFirstOrThrow();
      if (updated.finished) finishedSweeps.push({ sweepId, status: updated.status });
    }
    const replaced = written.filter((r) => r.replaced).length;
    return {
      inserted: written.length - replaced,
      replaced,
      duplicates: offered.length - written.length,
      orphaned: outcomes.length - known.length,
      outOfPlan: known.length - offered.length,
      finishedSweeps,
    };
  });
}
