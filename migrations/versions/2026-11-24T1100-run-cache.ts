import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    // Hash of everything a result depends on (strategy, params, symbol, range, costs, data and engine versions).
    .addColumn('cache_key', 'text')
    // True when the row reuses an earlier identical run's result instead of computing it again.
    .addColumn('cached', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createIndex('runs_cache_key')
    .on('runs')
    .column('cache_key')
    .where(sql.ref('status'), '=', 'succeeded')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('runs_cache_key').execute();
  await db.schema.alterTable('runs').dropColumn('cached').dropColumn('cache_key').execute();
}
