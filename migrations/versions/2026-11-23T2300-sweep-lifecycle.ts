import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sweeps')
    // Each reconcile or retry enqueues under a new generation, so its job ids never collide with earlier ones.
    .addColumn('requeue_generation', 'integer', (c) => c.notNull().defaultTo(0))
    // Last time runs were enqueued or stored: a sweep that is unfinished and quiet for long is reconciled.
    .addColumn('last_progress_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('sweeps_unfinished')
    .on('sweeps')
    .column('last_progress_at')
    .where(sql.ref('status'), 'in', ['queued', 'running'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sweeps_unfinished').execute();
  await db.schema.alterTable('sweeps').dropColumn('last_progress_at').dropColumn('requeue_generation').execute();
}
