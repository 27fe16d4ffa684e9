import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  // How many of the sweep's stored runs reused an identical earlier run's result, kept with the other counters.
  await db.schema
    .alterTable('sweeps')
    .addColumn('cached', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update sweeps set cached = (select count(*) from runs where runs.sweep_id = sweeps.id and runs.cached)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sweeps').dropColumn('cached').execute();
}
