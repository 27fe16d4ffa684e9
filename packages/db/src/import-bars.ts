import type { ParsedBar } from '@fleet/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type UpsertBarsResult, upsertBars } from './bars.js';
import type { Database } from './schema.js';

/** The series an import writes: one symbol at one interval. */
export interface BarSeriesKey {
  symbol: string;
  interval: string;
}

/** Running totals of an import: rows read from the source and what became of them. */
interface ImportBarsProgress extends UpsertBarsResult {
  rows: number;
}

/** What {@link importBars} did to one series. */
export interface ImportBarsResult extends BarSeriesKey, ImportBarsProgress {
  /** The series' data version after the import; `null` only when nothing was ever imported for it. */
  dataVersion: string | null;
  /** The data version before the import; `null` for a new series. Equal to `dataVersion` when nothing changed. */
  previousVersion: string | null;
}

/** Options of {@link importBars}. */
export interface ImportBarsOptions {
  /** Called after each chunk is written, for progress bars. @defaultValue none */
  onChunk?: (progress: Readonly<ImportBarsProgress>) => void;
}

/**
 * Imports one series from a stream of bar chunks in ONE transaction: every chunk is upserted (new bars inserted,
 * changed bars updated, identical bars left alone), then the series' data version is recomputed if anything changed.
 * If the source throws part-way (a bad row further down a file), nothing of it is written and the version stays.
 * Imports of the same series are serialized by an advisory lock, so each version covers every committed bar.
 *
 * @param chunks - Bars in increasing time order, in chunks small enough for one statement each (5,000 or fewer).
 * @example
 * const result = await importBars(db, { symbol: 'ORCL', interval: '1d' }, parseBarsCsv(createReadStream(path)));
 * // { inserted: 5036, updated: 0, unchanged: 0, rows: 5036, dataVersion: '9f0c…', previousVersion: null, … }
 */
export async function importBars(
  db: Kysely<Database>,
  series: BarSeriesKey,
  chunks: AsyncIterable<readonly ParsedBar[]> | Iterable<readonly ParsedBar[]>,
  options: ImportBarsOptions = {},
): Promise<ImportBarsResult> {
  const { symbol, interval } = series;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`bar_series:${symbol}|${interval}`}, 0))`.execute(trx);
    const previous = await trx
      .selectFrom('bar_series')
      .select('version')
      .where('symbol', '=', symbol)
      .where('interval', '=', interval)
      .executeTakeFirst();
    const progress: ImportBarsProgress = { rows: 0, inserted: 0, updated: 0, unchanged: 0 };
    for await (const chunk of chunks) {
      const counts = await upsertBars(trx, symbol, interval, chunk);
      progress.rows += chunk.length;
      progress.inserted += counts.inserted;
      progress.updated += counts.updated;
      progress.unchanged += counts.unchanged;
      options.onChunk?.(progress);
    }
    const changed = progress.inserted + progress.updated > 0;
    const previousVersion = previous?.version ?? null;
    // A series without a version row but with bars (written before versions existed) gets one on its next import.
    const dataVersion =
      changed || (previous === undefined && progress.rows > 0)
        ? await refreshSeriesVersion(trx, series)
        : previousVersion;
    return { symbol, interval, ...progress, dataVersion, previousVersion };
  });
}

/**
 * Recomputes a series' row in `bar_series` from its bars in one streaming pass. The version is a multiset hash: the
 * sum of a 64-bit hash of every bar (time in ms and trimmed decimals, so `3588.40` and `3588.4` hash alike), hashed
 * again with the count. It needs no ordered string of the whole series in memory, and changes whenever a bar is
 * added or changes. The migration `2026-11-24T0900-data-versions` holds a frozen copy for its backfill; keep the two
 * equal, or every series gets a new version on its next import.
 */
async function refreshSeriesVersion(trx: Transaction<Database>, { symbol, interval }: BarSeriesKey): Promise<string> {
  const rowHash = sql`('x' || left(md5(
    (extract(epoch from ts) * 1000)::bigint::text || ',' || trim_scale(open)::text || ',' || trim_scale(high)::text ||
    ',' || trim_scale(low)::text || ',' || trim_scale(close)::text || ',' || trim_scale(volume)::text), 16))::bit(64)::bigint`;
  const { version } = await trx
    .insertInto('bar_series')
    .columns(['symbol', 'interval', 'version', 'bars', 'first_ts', 'last_ts', 'updated_at'])
    .expression(
      trx
        .selectFrom('bars')
        .select((eb) => [
          'symbol',
          'interval',
          sql<string>`left(md5(count(*)::text || ':' || sum(${rowHash})::text), 16)`.as('version'),
          eb.fn.countAll().as('bars'),
          eb.fn.min('ts').as('first_ts'),
          eb.fn.max('ts').as('last_ts'),
          sql`now()`.as('updated_at'),
        ])
        .where('symbol', '=', symbol)
        .where('interval', '=', interval)
        .groupBy(['symbol', 'interval']),
    )
    .onConflict((oc) =>
      oc.columns(['symbol', 'interval']).doUpdateSet((eb) => ({
        version: eb.ref('excluded.version'),
        bars: eb.ref('excluded.bars'),
        first_ts: eb.ref('excluded.first_ts'),
        last_ts: eb.ref('excluded.last_ts'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning('version')
    // Never empty: the caller has just written bars of this series in the same transaction.
    .executeTakeFirstOrThrow();
  return version;
}
