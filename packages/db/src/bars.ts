import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './schema.js';

/** One bar as imported: epoch-ms time and the file's exact decimal strings. */
export interface BarInput {
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

/** A symbol's bars in columns of float64, the layout the engine reads without per-bar objects. */
export interface BarColumns {
  symbol: string;
  interval: string;
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

// 8 parameters a row; Postgres allows 65,535 parameters per statement.
const ROWS_PER_STATEMENT = 5000;

/**
 * Writes bars for one symbol and interval: new timestamps are inserted, changed ones updated, identical ones left
 * untouched, so re-importing a file is a no-op. Pass a transaction to make a whole file atomic.
 */
export async function upsertBars(
  db: Kysely<Database>,
  symbol: string,
  interval: string,
  bars: readonly BarInput[],
): Promise<UpsertBarsResult> {
  const result: UpsertBarsResult = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < bars.length; i += ROWS_PER_STATEMENT) {
    const chunk = bars.slice(i, i + ROWS_PER_STATEMENT);
    const written = await db
      .insertInto('bars')
      .values(
        chunk.map((b) => ({
          symbol,
          interval,
          ts: new Date(b.time),
          open: b.open,
          high: b.high,
          low: b.low,
          close: b.close,
          volume: b.volume,
        })),
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

/**
 * Loads a symbol's bars in `[from, to]` (epoch ms, inclusive) with one query into float64 columns. Postgres converts
 * numeric to float8 with correct rounding, so each value is the double nearest to the stored decimal.
 */
export async function loadBars(
  db: Kysely<Database>,
  symbol: string,
  interval: string,
  from: number,
  to: number,
): Promise<BarColumns> {
  const rows = await db
    .selectFrom('bars')
    .select([
      sql<number>`extract(epoch from ts) * 1000`.as('t'),
      sql<number>`open::float8`.as('o'),
      sql<number>`high::float8`.as('h'),
      sql<number>`low::float8`.as('l'),
      sql<number>`close::float8`.as('c'),
      sql<number>`volume::float8`.as('v'),
    ])
    .where('symbol', '=', symbol)
    .where('interval', '=', interval)
    .where('ts', '>=', new Date(from))
    .where('ts', '<=', new Date(to))
    .orderBy('ts')
    .execute();
  const n = rows.length;
  const columns: BarColumns = {
    symbol,
    interval,
    length: n,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i] as (typeof rows)[number];
    columns.time[i] = Number(r.t);
    columns.open[i] = r.o;
    columns.high[i] = r.h;
    columns.low[i] = r.l;
    columns.close[i] = r.c;
    columns.volume[i] = r.v;
  }
  return columns;
}

/** Symbols present for an interval, with their bar counts and ranges. */
export async function listBarSymbols(
  db: Kysely<Database>,
): Promise<{ symbol: string; interval: string; bars: number; from: Date; to: Date }[]> {
  return db
    .selectFrom('bars')
    .select(['symbol', 'interval'])
    .select((eb) => [eb.fn.countAll<number>().as('bars'), eb.fn.min('ts').as('from'), eb.fn.max('ts').as('to')])
    .groupBy(['symbol', 'interval'])
    .orderBy('symbol')
    .orderBy('interval')
    .execute() as Promise<{ symbol: string; interval: string; bars: number; from: Date; to: Date }[]>;
}
