import type { RunOutcome } from '@fleet/contracts';
import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import { metricColumnsOf } from './metric-columns.js';
import type { Database, RunsTable } from './schema.js';

const ROWS_PER_STATEMENT = 1_500;

/** What one call of {@link storeRunOutcomes} did; duplicates are redeliveries absorbed by the run's unique key. */
export interface StoreRunOutcomesResult {
  inserted: number;
  duplicates: number;
  /** Outcomes of sweeps that no longer exist (deleted); dropped, since nothing could ever read them. */
  orphaned: number;
  /** Sweeps whose last planned run was stored by this call. */
  finishedSweeps: { sweepId: string; status: string }[];
}

function toRow(o: RunOutcome): Insertable<RunsTable> {
  const base = {
    sweep_id: o.sweepId,
    run_index: o.runIndex,
    strategy: o.strategy,
    symbol: o.symbol,
    params: JSON.stringify(o.params),
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
  return { ...base, ...metricColumnsOf(o) };
}

/**
 * Stores a batch of run outcomes in one transaction: one INSERT … ON CONFLICT DO NOTHING on the run key, then the
 * sweeps' counters advance by exactly the rows inserted, so totals stay right however often a batch is redelivered.
 * A sweep whose counters reach its total is closed as `completed` or `completed_with_failures` in the same COMMIT.
 */
export async function storeRunOutcomes(
  db: Kysely<Database>,
  outcomes: readonly RunOutcome[],
): Promise<StoreRunOutcomesResult> {
  if (outcomes.length === 0) return { inserted: 0, duplicates: 0, orphaned: 0, finishedSweeps: [] };
  return db.transaction().execute(async (trx) => {
    const sweepIds = [...new Set(outcomes.map((o) => o.sweepId))].sort();
    // Locking the sweep rows in id order serializes aggregators per sweep and rules out deadlocks between them.
    const existing = await trx
      .selectFrom('sweeps')
      .select('id')
      .where('id', 'in', sweepIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    const known = new Set(existing.map((s) => s.id));
    const rows = outcomes.filter((o) => known.has(o.sweepId)).map(toRow);
    const inserted: { sweep_id: string; status: 'succeeded' | 'failed' }[] = [];
    // Postgres takes at most 65,535 parameters per statement; a run row has about 30 columns.
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const written = await trx
        .insertInto('runs')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) => oc.columns(['sweep_id', 'run_index']).doNothing())
        .returning(['sweep_id', 'status'])
        .execute();
      inserted.push(...written);
    }

    const tally = new Map<string, { succeeded: number; failed: number }>();
    for (const r of inserted) {
      const t = tally.get(r.sweep_id) ?? { succeeded: 0, failed: 0 };
      t[r.status] += 1;
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
          started_at: sql`coalesce(started_at, now())`,
          last_progress_at: sql`now()`,
          status: sql`case
            when status = 'cancelled' then status
            when ${done} then case when failed + ${t.failed} > 0 then 'completed_with_failures' else 'completed' end
            else 'running' end`,
          finished_at: sql`case when ${done} and finished_at is null then now() else finished_at end`,
        })
        .where('id', '=', sweepId)
        .returning(['status', sql<boolean>`succeeded + failed >= total`.as('finished')])
        .executeTakeFirstOrThrow();
      if (updated.finished) finishedSweeps.push({ sweepId, status: updated.status });
    }
    return {
      inserted: inserted.length,
      duplicates: rows.length - inserted.length,
      orphaned: outcomes.length - rows.length,
      finishedSweeps,
    };
  });
}
