import { type Kysely, sql } from 'kysely';

// Indexes of the dashboard's sweep pages, so they stay fast at 100,000 runs per sweep: the current throughput counts
// a sweep's rows of the last minute, and the failures list pages through a sweep's failed runs without scanning
// its succeeded ones.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('runs_sweep_created_at').on('runs').columns(['sweep_id', 'created_at']).execute();
  await db.schema
    .createIndex('runs_sweep_failed')
    .on('runs')
    .columns(['sweep_id', 'run_index'])
    .where(sql.ref('status'), '=', 'failed')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('runs_sweep_failed').execute();
  await db.schema.dropIndex('runs_sweep_created_at').execute();
}
