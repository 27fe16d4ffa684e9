import { type Kysely, sql } from 'kysely';

/**
 * Runs `select 1`, the readiness check of every process that needs Postgres: it proves a pooled connection can be
 * had and the server answers.
 */
export async function pingDatabase<DB>(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
