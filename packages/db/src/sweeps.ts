import type { SweepProgress, SweepStatus } from '@fleet/contracts';
import { type Kysely, type Selectable, sql } from 'kysely';
import { insertFoldSlots, type NewFoldSlot } from './fold-selections.js';
import type { Database, SweepsTable } from './schema.js';

/** A stored sweep as callers see it. */
export type SweepRow = Selectable<SweepsTable>;

/** What the producer records before it enqueues anything: Postgres, not Redis, is the sweep's source of truth. */
export interface NewSweep {
  id: string;
  idempotencyKey: string | null;
  name: string;
  spec: Record<string, unknown>;
  total: number;
  jobs: number;
  runsPerJob: number;
  /** A validated sweep's out-of-sample slots, planned in the same transaction as the sweep. */
  foldSlots?: readonly NewFoldSlot[];
}

/**
 * Inserts a sweep, or returns the existing one when `idempotencyKey` was used before, so a repeated
 * `fleet sweep submit --id KEY` resumes instead of duplicating.
 */
export async function createSweep(
  db: Kysely<Database>,
  sweep: NewSweep,
): Promise<{ sweep: SweepRow; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const inserted = await insertSweep(trx, sweep);
    if (inserted && sweep.foldSlots) await insertFoldSlots(trx, sweep.id, sweep.foldSlots);
    if (inserted) return { sweep: inserted, created: true };
    const existing = await trx
      .selectFrom('sweeps')
      .selectAll()
      .where('idempotency_key', '=', sweep.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { sweep: existing, created: false };
  });
}

async function insertSweep(db: Kysely<Database>, sweep: NewSweep): Promise<SweepRow | undefined> {
  return db
    .insertInto('sweeps')
    .values({
      id: sweep.id,
      idempotency_key: sweep.idempotencyKey,
      name: sweep.name,
      spec: JSON.stringify(sweep.spec),
      total: sweep.total,
      jobs: sweep.jobs,
      runs_per_job: sweep.runsPerJob,
      // An empty sweep has nothing to wait for.
      ...(sweep.total === 0 ? { status: 'completed' as const, finished_at: new Date() } : {}),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Records how many jobs of a sweep are enqueued, so an interrupted submit knows where to resume. */
export async function recordEnqueuedJobs(db: Kysely<Database>, sweepId: string, enqueuedJobs: number): Promise<void> {
  await db
    .updateTable('sweeps')
    .set((eb) => ({
      enqueued_jobs: eb.fn('greatest', ['enqueued_jobs', eb.val(enqueuedJobs)]),
      last_progress_at: sql`now()`,
    }))
    .where('id', '=', sweepId)
    .execute();
}

/** Finds a sweep by its id, or `undefined`. */
export async function findSweep(db: Kysely<Database>, sweepId: string): Promise<SweepRow | undefined> {
  return db.selectFrom('sweeps').selectAll().where('id', '=', sweepId).executeTakeFirst();
}

/** The progress of one sweep, in the shape `fleet sweep status --json` prints. */
export function toSweepProgress(row: SweepRow): SweepProgress {
  return {
    sweepId: row.id,
    name: row.name,
    status: row.status as SweepStatus,
    total: row.total,
    succeeded: row.succeeded,
    failed: row.failed,
    cached: row.cached,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/** The most recent sweeps first. */
export async function listSweeps(db: Kysely<Database>, limit = 50): Promise<SweepRow[]> {
  return db.selectFrom('sweeps').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

/**
 * Cancels a sweep that has not finished: Postgres records it first, so workers skip its remaining jobs even if
 * removing them from Redis is interrupted. Returns the sweep as it is now (unchanged when it had already finished).
 */
export async function cancelSweep(db: Kysely<Database>, sweepId: string): Promise<SweepRow | undefined> {
  const cancelled = await db
    .updateTable('sweeps')
    .set({ status: 'cancelled', finished_at: sql`now()` })
    .where('id', '=', sweepId)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  return cancelled ?? findSweep(db, sweepId);
}

/** Takes the next requeue generation of a sweep, which names the job ids of one reconcile or retry. */
export async function nextRequeueGeneration(db: Kysely<Database>, sweepId: string): Promise<number> {
  const row = await db
    .updateTable('sweeps')
    .set({ requeue_generation: sql`requeue_generation + 1`, last_progress_at: sql`now()` })
    .where('id', '=', sweepId)
    .returning('requeue_generation')
    .executeTakeFirstOrThrow();
  return row.requeue_generation;
}

/**
 * Deletes the failed runs of a sweep so they can run again, in one transaction with its counters and status
 * (back to `running`). Returns the run indexes deleted, or `undefined` for a cancelled sweep, which is left as it is:
 * making it `running` would have the quiet-sweep reconciler re-enqueue every run the cancel stopped.
 */
export async function deleteFailedRuns(db: Kysely<Database>, sweepId: string): Promise<number[] | undefined> {
  return db.transaction().execute(async (trx) => {
    const sweep = await trx
      .selectFrom('sweeps')
      .select('status')
      .where('id', '=', sweepId)
      .forUpdate()
      .executeTakeFirst();
    if (sweep?.status === 'cancelled') return undefined;
    const deleted = await trx
      .deleteFrom('runs')
      .where('sweep_id', '=', sweepId)
      .where('status', '=', 'failed')
      // A walk-forward group with no eligible in-sample run fails for good: there is nothing to run again.
      .where('error_code', 'is distinct from', 'NO_ELIGIBLE_RUN')
      .returning('run_index')
      .execute();
    if (deleted.length > 0) {
      await trx
        .updateTable('sweeps')
        .set({
          failed: sql`failed - ${deleted.length}`,
          status: 'running',
          finished_at: null,
          last_progress_at: sql`now()`,
        })
        .where('id', '=', sweepId)
        .execute();
    }
    return deleted.map((r) => r.run_index).sort((a, b) => a - b);
  });
}

/**
 * Takes a cancelled sweep back to `running` (or straight to its finished status when every run already has a row),
 * so its missing runs can be enqueued again. Returns the sweep as it is now (unchanged unless it was cancelled) and
 * whether this call resumed it, or `undefined` when there is no such sweep.
 */
export async function resumeSweep(
  db: Kysely<Database>,
  sweepId: string,
): Promise<{ sweep: SweepRow; resumed: boolean } | undefined> {
  const done = sql<boolean>`succeeded + failed >= total`;
  const resumed = await db
    .updateTable('sweeps')
    .set({
      status: sql`case when ${done} then case when failed > 0 then 'completed_with_failures' else 'completed' end
        else 'running' end`,
      finished_at: sql`case when ${done} then now() else null end`,
      last_progress_at: sql`now()`,
    })
    .where('id', '=', sweepId)
    .where('status', '=', 'cancelled')
    .returningAll()
    .executeTakeFirst();
  if (resumed) return { sweep: resumed, resumed: true };
  const sweep = await findSweep(db, sweepId);
  return sweep && { sweep, resumed: false };
}

/** Run indexes read per query by {@link storedRunBitmap}, which bounds the rows held in memory at once. */
const BITMAP_PAGE = 50_000;

/**
 * Which run indexes of a sweep have a row, as a bitmap indexed by run index (1 byte per planned run). The indexes are
 * read in ranges of the run key, so a million-run sweep never has a million row objects in memory at once.
 */
export async function storedRunBitmap(db: Kysely<Database>, sweepId: string, total: number): Promise<Uint8Array> {
  const bitmap = new Uint8Array(total);
  for (let from = 0; from < total; from += BITMAP_PAGE) {
    const rows = await db
      .selectFrom('runs')
      .select('run_index')
      .where('sweep_id', '=', sweepId)
      .where('run_index', '>=', from)
      .where('run_index', '<', from + BITMAP_PAGE)
      .execute();
    for (const r of rows) bitmap[Number(r.run_index)] = 1;
  }
  return bitmap;
}

/** Unfinished sweeps with no progress since `quietSince`: candidates for reconciliation. */
export async function findQuietSweeps(db: Kysely<Database>, quietSince: Date): Promise<SweepRow[]> {
  return db
    .selectFrom('sweeps')
    .selectAll()
    .where('status', 'in', ['queued', 'running'])
    .where('last_progress_at', '<', quietSince)
    .orderBy('last_progress_at')
    .execute();
}
