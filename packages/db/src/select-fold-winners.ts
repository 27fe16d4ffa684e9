import { MetricTable, RankableMetrics } from '@fleet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { FoldSelectionRow } from './fold-selections.js';
import type { Database } from './schema.js';

/** A row {@link storeRunOutcomes} wrote: its key, outcome and whether it replaced a failure. */
export interface WrittenRun {
  sweep_id: string;
  run_index: number;
  status: 'succeeded' | 'failed';
  replaced: boolean;
  cached: boolean;
}

/** What {@link selectFoldWinners} did inside the storing transaction. */
interface FoldWinners {
  /** Failed out-of-sample rows written for groups with no eligible in-sample run (counted like any other row). */
  written: WrittenRun[];
  /** Sweeps that now have chosen out-of-sample runs waiting to be enqueued. */
  pending: string[];
}

/** The best eligible in-sample run of one group: `select` best first, ties to the lowest run index. */
async function bestInSample(trx: Kysely<Database>, slot: FoldSelectionRow) {
  if (!(RankableMetrics as readonly string[]).includes(slot.select_metric))
    throw new Error(`fold selection of sweep ${slot.sweep_id}: '${slot.select_metric}' is not a rankable metric`);
  const metric = MetricTable[slot.select_metric as (typeof RankableMetrics)[number]];
  return trx
    .selectFrom('runs')
    .select(['run_index', 'params', 'settings', sql<number | string>`${sql.ref(metric.column)}`.as('value')])
    .where('sweep_id', '=', slot.sweep_id)
    .where('run_index', '>=', slot.first_run)
    .where('run_index', '<', slot.first_run + slot.runs)
    .where('status', '=', 'succeeded')
    .where('closed_trades', '>=', slot.min_trades)
    .where(sql.ref(metric.column), 'is not', null)
    .orderBy(sql`${sql.ref(metric.column)} ${metric.higherIsBetter ? sql`desc` : sql`asc`}`)
    .orderBy('run_index')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Advances the landed count of every unchosen (fold, strategy, symbol) group the batch wrote new in-sample rows for,
 * and chooses the winner of each group whose in-sample runs have now all landed, in the same transaction that
 * stored them: the choice commits exactly once with the group's last in-sample row, whoever stores it and however
 * often a batch is redelivered (the caller holds the sweeps' row locks, so groups are never raced). A group without
 * an eligible run gets a failed out-of-sample row instead, so every planned run still ends as one row.
 */
export async function selectFoldWinners(
  trx: Transaction<Database>,
  written: readonly WrittenRun[],
): Promise<FoldWinners> {
  const fresh = written.filter((r) => !r.replaced);
  const sweepIds = [...new Set(written.map((r) => r.sweep_id))];
  if (sweepIds.length === 0) return { written: [], pending: [] };
  const open = await trx
    .selectFrom('fold_selections')
    .selectAll()
    .where('sweep_id', 'in', sweepIds)
    .where('selected_at', 'is', null)
    .orderBy('sweep_id')
    .orderBy('run_index')
    .execute();
  const failures: WrittenRun[] = [];
  for (const slot of open) {
    const last = slot.first_run + slot.runs;
    const landedNow = fresh.filter(
      (r) => r.sweep_id === slot.sweep_id && r.run_index >= slot.first_run && r.run_index < last,
    ).length;
    if (landedNow === 0) continue;
    const landed = Number(slot.landed) + landedNow;
    if (landed < slot.runs) {
      await trx
        .updateTable('fold_selections')
        .set({ landed })
        .where('sweep_id', '=', slot.sweep_id)
        .where('run_index', '=', slot.run_index)
        .execute();
      continue;
    }
    const best = await bestInSample(trx, slot);
    await trx
      .updateTable('fold_selections')
      .set({
        landed,
        selected_at: sql`now()`,
        ...(best
          ? {
              chosen_run: best.run_index,
              params: JSON.stringify(best.params),
              settings: JSON.stringify(best.settings ?? {}),
              in_sample_value: Number(best.value),
            }
          : { enqueued_at: sql`now()` }),
      })
      .where('sweep_id', '=', slot.sweep_id)
      .where('run_index', '=', slot.run_index)
      .execute();
    if (best) continue;
    const row = await trx
      .insertInto('runs')
      .values({
        sweep_id: slot.sweep_id,
        run_index: slot.run_index,
        strategy: slot.strategy,
        symbol: slot.symbol,
        params: JSON.stringify({}),
        status: 'failed',
        duration_ms: 0,
        fold: slot.fold,
        window: 'out_of_sample',
        error_name: 'NoEligibleRunError',
        error_code: 'NO_ELIGIBLE_RUN',
        error_message: `fold ${slot.fold}: no in-sample run of ${slot.strategy} on ${slot.symbol} succeeded with ≥ ${slot.min_trades} closed trades and a ${slot.select_metric}`,
      })
      .onConflict((oc) => oc.columns(['sweep_id', 'run_index']).doNothing())
      .returning(['sweep_id', 'run_index', 'status', 'cached'])
      .executeTakeFirst();
    if (row) failures.push({ ...row, replaced: false });
  }
  const pending = await trx
    .selectFrom('fold_selections')
    .select('sweep_id')
    .distinct()
    .where('sweep_id', 'in', sweepIds)
    .where('enqueued_at', 'is', null)
    .where('chosen_run', 'is not', null)
    .execute();
  return { written: failures, pending: pending.map((p) => p.sweep_id) };
}
