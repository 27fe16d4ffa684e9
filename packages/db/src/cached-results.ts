import type { Kysely, Selectable } from 'kysely';
import { METRIC_COLUMNS } from './metric-columns.js';
import type { Database, RunsTable } from './schema.js';

const RESULT_COLUMNS = [
  'cache_key',
  'data_version',
  'symbol_summary',
  'return_moments',
  'block_stats',
  ...METRIC_COLUMNS,
] as const satisfies readonly (keyof RunsTable)[];

/** A stored result that an identical run can reuse. */
export type CachedResult = Pick<Selectable<RunsTable>, (typeof RESULT_COLUMNS)[number]>;

/**
 * Finds stored results for run cache keys: one indexed lookup per job, returning at most one succeeded row per key.
 *
 * @example
 * const hits = await findCachedResults(db, ['3f…', '9a…']); // Map(cacheKey → stored result)
 */
export async function findCachedResults(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, CachedResult>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('runs')
    .distinctOn('cache_key')
    .select(RESULT_COLUMNS)
    .where('cache_key', 'in', [...keys])
    .where('status', '=', 'succeeded')
    // A row stored before runs kept their return statistics cannot stand in for a run: its group's PBO would miss it.
    .where('return_moments', 'is not', null)
    .orderBy('cache_key')
    .execute();
  return new Map(rows.map((r) => [r.cache_key as string, r]));
}
