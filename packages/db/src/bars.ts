import type { ParsedBar } from '@fleet/contracts';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './schema.js';

/** A symbol's bars in columns of float64, the layout the engine reads without per-bar objects. */
export interface BarColumns {
  symbol: string;
  interval: string;
  /** Data version of the series when these bars were read; `null` when the series has never been imported. */
  dataVersion: string | null;
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Counts of one {@link upsertBars} call. */
export interface UpsertBarsResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

// Bounds the arrays of one statement, so a caller's oversized chunk never becomes one huge query.
const ROWS_PER_STATEMENT = 5000;

/**
 * Writes bars for one symbol and interval: new timestamps are inserted, changed ones updated, identical ones left
 * untouched, so re-importing a file is a no-op. It does not maintain the series' data version: imports go through
 * {@link importBars}, which calls it inside its transaction.
 */
export async function upsertBars(
  db: Kysely<Database>,
  symbol: string,
  interval: string,
  bars: readonly ParsedBar[],
): Promise<UpsertBarsResult> {
  const result: UpsertBarsResult = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < bars.length; i += ROWS_PER_STATEMENT) {
    const chunk = bars.slice(i, i + ROWS_PER_STATEMENT);
    const written = await db
      .insertInto('bars')
      .columns(['symbol', 'interval', 'ts', 'open', 'high', 'low', 'close', 'volume'])
      // Six array parameters instead of eight per row: Postgres parses and plans one small statement, not 40,000 values.
      .expression(
        sql`select ${symbol}, ${interval}, timestamptz 'epoch' + t * interval '1 millisecond', o, h, l, c, v
          from unnest(${chunk.map((b) => b.time)}::bigint[], ${chunk.map((b) => b.open)}::numeric[],
            ${chunk.map((b) => b.high)}::numeric[], ${chunk.map((b) => b.low)}::numeric[],
            ${chunk.map((b) => b.close)}::numeric[], ${chunk.map((b) => b.volume)}::numeric[]) as u(t, o, h, l, c, v)`,
      )
      .onConflict((oc) =>
        oc
          .columns(['symbol', 'interval', 'ts'])
          .doUpdateSet((eb) => ({
            open: eb.ref('excluded.open'),
            high: eb.ref('excluded.high'),
            low: eb.ref('excluded.low'),
            close: eb.ref('excluded.close'),
            volume: eb.ref('excluded.volume'),
          }))
          .where(
            sql<boolean>`(bars.open, bars.high, bars.low, bars.close, bars.volume) is distinct from (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)`,
          ),
      )
      // xmax = 0 only on a freshly inserted row version; an updated row carries the updating transaction's id.
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    const inserted = written.filter((w) => w.inserted).length;
    result.inserted += inserted;
    result.updated += written.length - inserted;
    result.unchanged += chunk.length - written.length;
  }
  return result;
}

const LOAD_PAGE_ROWS = 20_000;

/**
 * Loads a symbol's bars in `[from, to]` (epoch ms, inclusive) into float64 columns in shared memory (a
 * `SharedArrayBuffer`, so threads can read them without copying) with one query, read through a
 * server-side cursor `pageRows` rows at a time straight into arrays sized by a count taken first, so even a million
 * bars never exist as a million row objects. Count, cursor and {@link BarColumns.dataVersion} come from one
 * repeatable-read snapshot, so the version always describes exactly the bars returned, even while an import commits.
 * Postgres converts numeric to float8 with correct rounding, so each value is the double nearest the stored decimal.
 *
 * @param options.pageRows - Rows per cursor fetch. @defaultValue 20000
 * @example
 * const bars = await loadBars(db, 'ORCL', '1d', Date.UTC(2000, 0, 1), Date.UTC(2014, 11, 31));
 * // bars.length 3773, bars.dataVersion '9f0c…'
 */
export async function loadBars(
  db: Kysely<Database>,
  symbol: string,
  interval: string,
  from: number,
  to: number,
  options: { pageRows?: number } = {},
): Promise<BarColumns> {
  const pageRows = options.pageRows ?? LOAD_PAGE_ROWS;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const series = await trx
        .selectFrom('bar_series')
        .select('version')
        .where('symbol', '=', symbol)
        .where('interval', '=', interval)
        .executeTakeFirst();
      const inRange = trx
        .selectFrom('bars')
        .where('symbol', '=', symbol)
        .where('interval', '=', interval)
        .where('ts', '>=', new Date(from))
        .where('ts', '<=', new Date(to));
      const { n } = await inRange.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const length = Number(n);
      // Shared memory, so the worker's engine threads read these very bytes instead of a copy per cached series.
      const column = () => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
      const columns: BarColumns = {
        symbol,
        interval,
        dataVersion: series?.version ?? null,
        length,
        time: column(),
        open: column(),
        high: column(),
        low: column(),
        close: column(),
        volume: column(),
      };
      if (length === 0) return columns;

      const rows = inRange
        .select([
          sql<number>`(extract(epoch from ts) * 1000)::float8`.as('t'),
          sql<number>`open::float8`.as('o'),
          sql<number>`high::float8`.as('h'),
          sql<number>`low::float8`.as('l'),
          sql<number>`close::float8`.as('c'),
          sql<number>`volume::float8`.as('v'),
        ])
        .orderBy('ts');
      // The cursor lives until the transaction ends, so it needs no explicit close.
      await sql`declare load_bars no scroll cursor for ${rows}`.execute(trx);
      let i = 0;
      while (i < length) {
        const page = await sql<{
          t: number;
          o: number;
          h: number;
          l: number;
          c: number;
          v: number;
        }>`fetch forward ${sql.lit(pageRows)} from load_bars`.execute(trx);
        if (page.rows.length === 0) break;
        for (const r of page.rows) {
          columns.time[i] = r.t;
          columns.open[i] = r.o;
          columns.high[i] = r.h;
          columns.low[i] = r.l;
          columns.close[i] = r.c;
          columns.volume[i] = r.v;
          i += 1;
        }
      }
      return columns;
    });
}
