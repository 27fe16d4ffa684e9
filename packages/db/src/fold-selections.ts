import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Database, FoldSelectionsTable } from './schema.js';

/** A fold selection as callers see it. */
export type FoldSelectionRow = Selectable<FoldSelectionsTable>;

/** One out-of-sample slot as planned at submit (see `SweepPlan.outOfSampleSlots`). */
export interface NewFoldSlot {
  runIndex: number;
  fold: number;
  strategy: string;
  symbol: string;
  firstRun: number;
  runs: number;
  selectMetric: string;
  minTrades: number;
}

/** Plans a sweep's out-of-sample slots; idempotent, so a resumed submit inserts nothing twice. */
export async function insertFoldSlots(db: Kysely<Database>, sweepId: string, slots: readonly NewFoldSlot[]) {
  for (let i = 0; i < slots.length; i += 2_000) {
    await db
      .insertInto('fold_selections')
      .values(
        slots.slice(i, i + 2_000).map((s) => ({
          sweep_id: sweepId,
          run_index: s.runIndex,
          fold: s.fold,
          strategy: s.strategy,
          symbol: s.symbol,
          first_run: s.firstRun,
          runs: s.runs,
          select_metric: s.selectMetric,
          min_trades: s.minTrades,
        })),
      )
      .onConflict((oc) => oc.columns(['sweep_id', 'run_index']).doNothing())
      .execute();
  }
}

/** A validated sweep's fold selections in run-index order (fold, then group). */
export async function listFoldSelections(db: Kysely<Database>, sweepId: string): Promise<FoldSelectionRow[]> {
  return db.selectFrom('fold_selections').selectAll().where('sweep_id', '=', sweepId).orderBy('run_index').execute();
}

/**
 * Chosen out-of-sample runs whose job is not yet recorded as enqueued, of the given sweeps or of every unfinished
 * sweep: what the aggregator (after the commit that chose them) and the reconciler both enqueue.
 */
export async function pendingFoldSelections(
  db: Kysely<Database>,
  sweepIds?: readonly string[],
): Promise<FoldSelectionRow[]> {
  if (sweepIds && sweepIds.length === 0) return [];
  let query = db
    .selectFrom('fold_selections')
    .selectAll('fold_selections')
    .where('fold_selections.enqueued_at', 'is', null)
    .where('fold_selections.chosen_run', 'is not', null);
  if (sweepIds) query = query.where('fold_selections.sweep_id', 'in', sweepIds);
  else
    query = query
      .innerJoin('sweeps', 'sweeps.id', 'fold_selections.sweep_id')
      .where('sweeps.status', 'in', ['queued', 'running']);
  return query.orderBy('fold_selections.sweep_id').orderBy('fold_selections.run_index').execute();
}

/** Records that the jobs of these out-of-sample runs are in the queue (the first record wins). */
export async function markFoldSelectionsEnqueued(
  db: Kysely<Database>,
  sweepId: string,
  runIndexes: readonly number[],
): Promise<void> {
  if (runIndexes.length === 0) return;
  await db
    .updateTable('fold_selections')
    .set({ enqueued_at: sql`coalesce(enqueued_at, now())` })
    .where('sweep_id', '=', sweepId)
    .where('run_index', 'in', runIndexes)
    .execute();
}
