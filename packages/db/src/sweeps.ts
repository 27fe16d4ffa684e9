import type { SweepProgress, SweepStatus } from '@fleet/contracts';
import type { Kysely, Selectable } from 'kysely';
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
}

/**
 * Inserts a sweep, or returns the existing one when `idempotencyKey` was used before, so a repeated
 * `fleet sweep submit --id KEY` resumes instead of duplicating.
 */
export async function createSweep(
  db: Kysely<Database>,
  sweep: NewSweep,
): Promise<{ sweep: SweepRow; created: boolean }> {
  const inserted = await db
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
  if (inserted) return { sweep: inserted, created: true };
  const existing = await db
    .selectFrom('sweeps')
    .selectAll()
    .where('idempotency_key', '=', sweep.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { sweep: existing, created: false };
}

/** Records how many jobs of a sweep are enqueued, so an interrupted submit knows where to resume. */
export async function recordEnqueuedJobs(db: Kysely<Database>, sweepId: string, enqueuedJobs: number): Promise<void> {
  await db
    .updateTable('sweeps')
    .set((eb) => ({ enqueued_jobs: eb.fn('greatest', ['enqueued_jobs', eb.val(enqueuedJobs)]) }))
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
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/** The most recent sweeps first. */
export async function listSweeps(db: Kysely<Database>, limit = 50): Promise<SweepRow[]> {
  return db.selectFrom('sweeps').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}
