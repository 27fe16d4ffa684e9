import type { RunOutcome } from '@fleet/contracts';
import type { Kysely } from 'kysely';
import pg from 'pg';
import {
  CHOOSE_WINNERS_STATEMENT,
  LAND_IN_SAMPLE_STATEMENT,
  PENDING_OUT_OF_SAMPLE_STATEMENT,
} from './fold-winner-statements.js';
import { OUTCOME_COLUMNS, RunColumns, runRowOf } from './run-columns.js';
import type { Database } from './schema.js';
import { withCopyConnection } from './with-copy-connection.js';

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
  /** Sweeps of the batch with chosen out-of-sample runs not yet enqueued (walk-forward, {@link CHOOSE_WINNERS_STATEMENT}). */
  pendingOutOfSample: string[];
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

/**
 * Every column a batch copies and inserts, derived from the one run row mapping (`run-columns.ts`, the metric table):
 * the run key, then every outcome column; a row lacking one (a failure's metrics, a result's error) copies null, so a
 * result replacing a failure overwrites all of it.
 */
const COLUMNS: readonly string[] = [RunColumns.sweepId, RunColumns.runIndex, ...OUTCOME_COLUMNS];

/** What the store statement returns for each sweep of a batch that exists, in id order. */
interface SweepWritten {
  sweep_id: string;
  total: number;
  written: number;
  replaced: number;
  status: string | null;
  finished: boolean;
}

const id = (name: string) => pg.escapeIdentifier(name);

/**
 * The one statement that moves a batch from the staging table into `runs` and advances the counters, after which the
 * same round trip commits. It locks the batch's sweep rows in id order first (serializing aggregators per sweep and
 * ruling out deadlocks between them), inserts only rows of existing sweeps with indexes inside their plan (an index
 * past the plan would be counted and could close a sweep with planned runs missing), lets a result replace a failure
 * (xmax is set on a row version an UPDATE wrote, 0 on a fresh insert), and closes the sweeps it completes.
 */
const STORE_STATEMENT = `with locked as (
      select id, total from sweeps where id in (select distinct sweep_id from run_staging) order by id for update
    ), written as (
      insert into runs (${COLUMNS.map(id).join(', ')})
      select s.* from run_staging s join locked w on w.id = s.sweep_id where s.run_index < w.total
      on conflict (sweep_id, run_index) do update set ${OUTCOME_COLUMNS.map((c) => `${id(c)} = excluded.${id(c)}`).join(', ')}
      where runs.status = 'failed' and excluded.status = 'succeeded'
      returning sweep_id, status, cached, xmax <> 0 as replaced
    ), tally as (
      select sweep_id,
        count(*) filter (where status = 'succeeded') as succeeded,
        count(*) filter (where status = 'failed') - count(*) filter (where replaced) as failed,
        count(*) filter (where cached) as cached,
        count(*) filter (where replaced) as replaced,
        count(*) as written
      from written group by sweep_id
    ), advanced as (
      update sweeps w set
        succeeded = w.succeeded + t.succeeded,
        failed = w.failed + t.failed,
        cached = w.cached + t.cached,
        started_at = coalesce(w.started_at, now()),
        last_progress_at = now(),
        status = case
          when w.status = 'cancelled' then w.status
          when w.succeeded + w.failed + t.succeeded + t.failed >= w.total then
            case when w.failed + t.failed > 0 then 'completed_with_failures' else 'completed' end
          else 'running' end,
        finished_at = case
          when w.succeeded + w.failed + t.succeeded + t.failed >= w.total and w.finished_at is null then now()
          else w.finished_at end
      from tally t where w.id = t.sweep_id
      returning w.id, w.status,
        w.succeeded + w.failed >= w.total and w.succeeded + w.failed - t.succeeded - t.failed < w.total as finished
    )
    select l.id as sweep_id, l.total, coalesce(t.written, 0) as written, coalesce(t.replaced, 0) as replaced,
      a.status, coalesce(a.finished, false) as finished
    from locked l left join tally t on t.sweep_id = l.id left join advanced a on a.id = l.id
    order by l.id`;

/**
 * Stores a batch of run outcomes in one transaction and three round trips: the batch's rows are COPYed into a
 * temporary staging table, then one INSERT … SELECT … ON CONFLICT on the run key moves the planned ones into `runs`
 * and the sweeps' counters advance by exactly the rows written, so totals stay right however often a batch is
 * redelivered. A stored row is never overwritten, except that a result replaces a failure of the same run
 * (counters move from failed to succeeded): a failure redelivered after `retry-failed` deleted it must not shut out
 * the retried run's result. A sweep whose counters reach its total is closed as `completed` or
 * `completed_with_failures` in the same COMMIT.
 */
export async function storeRunOutcomes(
  db: Kysely<Database>,
  outcomes: readonly RunOutcome[],
): Promise<StoreRunOutcomesResult> {
  if (outcomes.length === 0)
    return {
      inserted: 0,
      replaced: 0,
      duplicates: 0,
      orphaned: 0,
      outOfPlan: 0,
      finishedSweeps: [],
      pendingOutOfSample: [],
    };
  const rows = onePerRun(outcomes).map(runRowOf);
  const { sweeps, noEligible, pending } = await withCopyConnection(db, async (conn) => {
    // Temporary: private to this session, gone at COMMIT (or with the connection), never WAL-logged, and needing
    // only the TEMP privilege (an unlogged table would need CREATE on the schema, and could be left behind).
    // Copied before the sweeps are locked, so concurrent aggregators overlap their COPYs. No statement takes a
    // parameter: the sweeps come from the staged rows, so each round trip carries several statements.
    await conn.query(`begin;
      create temporary table run_staging on commit drop as select ${COLUMNS.map(id).join(', ')} from runs with no data`);
    await conn.copyRows('run_staging', COLUMNS, rows);
    // A walk-forward sweep's groups whose last in-sample row this batch stored are chosen before the same COMMIT.
    const [stored, , chose, waiting] = await conn.query(
      `${STORE_STATEMENT}; ${LAND_IN_SAMPLE_STATEMENT}; ${CHOOSE_WINNERS_STATEMENT}; ${PENDING_OUT_OF_SAMPLE_STATEMENT}; commit`,
    );
    return {
      sweeps: (stored?.rows ?? []) as SweepWritten[],
      noEligible: (chose?.rows ?? []) as { sweep_id: string; status: string; written: number; finished: boolean }[],
      pending: ((waiting?.rows ?? []) as { sweep_id: string }[]).map((r) => r.sweep_id),
    };
  });
  const totals = new Map(sweeps.map((s) => [s.sweep_id, Number(s.total)]));
  const known = outcomes.filter((o) => totals.has(o.sweepId));
  const offered = known.filter((o) => o.runIndex < (totals.get(o.sweepId) as number));
  const written = sweeps.reduce((n, s) => n + Number(s.written), 0);
  const failedOutOfSample = noEligible.reduce((n, s) => n + Number(s.written), 0);
  const replaced = sweeps.reduce((n, s) => n + Number(s.replaced), 0);
  return {
    inserted: written - replaced + failedOutOfSample,
    replaced,
    duplicates: offered.length - written,
    orphaned: outcomes.length - known.length,
    outOfPlan: known.length - offered.length,
    finishedSweeps: [...sweeps, ...noEligible]
      .filter((s) => s.finished)
      .map((s) => ({ sweepId: s.sweep_id, status: s.status as string })),
    pendingOutOfSample: pending,
  };
}
