import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A strategy bundle as stored: see the `@fleet/strategy-files` package for how one is made. */
export interface StrategyBundleRow {
  hash: string;
  fileName: string;
  source: string;
  bundle: string;
}

/**
 * Stores strategy bundles, keeping a row that is already there (its hash names the same bytes), so submitting the
 * same file twice stores it once. Pass the transaction that creates the sweep, so a sweep never names a missing bundle.
 */
export async function storeStrategyBundles(
  db: Kysely<Database> | Transaction<Database>,
  bundles: readonly StrategyBundleRow[],
): Promise<void> {
  if (bundles.length === 0) return;
  await db
    .insertInto('strategy_bundles')
    .values(bundles.map((b) => ({ hash: b.hash, file_name: b.fileName, source: b.source, bundle: b.bundle })))
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
}

/** The bundle stored under `hash`, or `undefined`. */
export async function findStrategyBundle(db: Kysely<Database>, hash: string): Promise<StrategyBundleRow | undefined> {
  const row = await db
    .selectFrom('strategy_bundles')
    .select(['hash', 'file_name', 'source', 'bundle'])
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row && { hash: row.hash, fileName: row.file_name, source: row.source, bundle: row.bundle };
}

/** Stored bundles, newest first, whose hash starts with `prefix` (every bundle for ''), at most `limit`. */
export async function listStrategyBundles(
  db: Kysely<Database>,
  options: { prefix?: string; limit?: number } = {},
): Promise<(StrategyBundleRow & { createdAt: Date })[]> {
  const prefix = (options.prefix ?? '').toLowerCase().replace(/[^0-9a-f]/g, '');
  const rows = await db
    .selectFrom('strategy_bundles')
    .select(['hash', 'file_name', 'source', 'bundle', 'created_at'])
    .where('hash', 'like', `${prefix}%`)
    .orderBy('created_at', 'desc')
    .orderBy('hash')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    hash: r.hash,
    fileName: r.file_name,
    source: r.source,
    bundle: r.bundle,
    createdAt: r.created_at,
  }));
}
