import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * The sweeps whose id starts with `prefix` (lower-case hex and dashes), most recent first, at most `limit`, so a
 * person can name a sweep by the first characters the dashboard shows. The prefix is matched as text, never parsed
 * as a uuid.
 *
 * @example
 * await findSweepsByIdPrefix(db, '3f2a9c1d'); // [{ id: '3f2a9c1d-…', name: 'sma-grid', created_at: … }]
 */
export async function findSweepsByIdPrefix(
  db: Kysely<Database>,
  prefix: string,
  limit = 10,
): Promise<{ id: string; name: string; created_at: Date }[]> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('sweeps')
    .select(['id', 'name', 'created_at'])
    .where(sql<boolean>`id::text like ${pattern}`)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
