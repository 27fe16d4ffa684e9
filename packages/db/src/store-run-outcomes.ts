import type { RunOutcome } from '@fleet/contracts';
import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import { METRIC_COLUMNS, metricColumnsOf } from './metric-columns.js';
import { returnStatisticsColumnsOf } from './return-statistics-columns.js';
import type { Database, RunsTable } from './schema.js';

const ROWS_PER_STATEMENT = 1_500;

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

/** Every column a stored outcome sets besides the run key, so a result replacing a failure overwrites all of it. */
const OUTCOME_COLUMNS = [
  'strategy',
  'symbol',
  'params',
  'settings',
  'status',
  'duration_ms',
  'data_version',
  'cache_key',
  'cached',
  'engine_version',
  'code_version',
  'error_name',
  'error_code',
  'error_message',
  'return_moments',
  'block_stats',
  ...METRIC_COLUMNS,
] as const satisfies readonly (keyof RunsTable)[];

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

function toRow(o: RunOutcome): Insertable<RunsTable> {
  const base = {
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
  if (o.status === 'failed') {
    return { ...base, error_name: o.error.name, error_code: o.error.code, error_message: o.error.message };
  }
  return { ...base, ...metricColumnsOf(o), ...returnStatisticsColumnsOf(o.returnStatistics) };
}

/**
 * Stores a batch of run outcomes in one transaction: one INSERT … ON CONFLICT on the run key, then the sweeps'
 * counters advance by exactly the rows written, so totals stay right however often a batch is redelivered. A stored
 * row is never overwritten, except that a result replaces a failure of the same run (counters move from failed to
 * succeeded): a failure redelivered after `retry-failed` deleted it must not shut out the retried run's result.
 * A sweep whose counters reach its total is closed as `completed` or `completed_with_failures` in the same COMMIT.
 */
export async function storeRunOutcomes(
  db: Kysely<Database>,
  outcomes: readonly RunOutcome[],
): Promise<StoreRunOutcomesResult> {
  if (outcomes.length === 0)
    return { inserted: 0, replaced: 0, duplicates: 0, orphaned: 0, outOfPlan: 0, finishedSweeps: [] };
  return db.transaction().execute(async (trx) => {
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
    const rows = onePerRun(offered).map(toRow);
    const written: { sweep_id: string; status: 'succeeded' | 'failed'; replaced: boolean; cached: boolean }[] = [];
    // Postgres takes at most 65,535 parameters per statement; a run row has about 30 columns.
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const page = await trx
        .insertInto('runs')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) =>
          oc
            .columns(['sweep_id', 'run_index'])
            .doUpdateSet((eb) => Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])))
            .where('runs.status', '=', 'failed')
            .where('excluded.status', '=', 'succeeded'),
        )
        // xmax is set on a row version an UPDATE wrote, and 0 on a freshly inserted one.
        .returning(['sweep_id', 'status', 'cached', sql<boolean>`xmax <> 0`.as('replaced')])
        .execute();
      written.push(...page);
    }

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
