import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  // Strategy files shipped with sweeps, content-addressed: a row is never updated, so a hash always names the same bytes.
  await db.schema
    .createTable('strategy_bundles')
    .addColumn('hash', 'text', (c) => c.primaryKey().check(sql`hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('bundle', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The bundle a run's strategy came from, null for built-in and plugin strategies. No foreign key: a failure of a job
  // naming an unknown bundle (forged, or of a deleted row) must still be storable, or its batch would never commit.
  await db.schema.alterTable('runs').addColumn('strategy_bundle', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('strategy_bundle').execute();
  await db.schema.dropTable('strategy_bundles').execute();
}
