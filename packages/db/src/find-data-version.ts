import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The current data version of one series, or `undefined` when it has never been imported: one primary-key lookup,
 * cheap enough for a worker to ask before every job whether its cached bars are still current.
 *
 * @example
 * const version = await findDataVersion(db, 'ORCL', '1d'); // '9f0c2d1e4b7a3c55'
 */
export async function findDataVersion(
  db: Kysely<Database>,
  symbol: string,
  interval: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('bar_series')
    .select('version')
    .where('symbol', '=', symbol)
    .where('interval', '=', interval)
    .executeTakeFirst();
  return row?.version;
}
