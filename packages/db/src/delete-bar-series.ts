import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';
import { SeriesInUseError } from './series-in-use-error.js';
import { SeriesNotFoundError } from './series-not-found-error.js';

/** A series {@link deleteBarSeries} removed. */
export interface DeletedSeries {
  symbol: string;
  interval: string;
  bars: number;
}

/**
 * Deletes the bars of a symbol (one interval, or all of them) and their `bar_series` rows in one transaction, unless a
 * queued or running sweep names that symbol at that interval: its remaining runs would fail on missing bars. The
 * series rows are locked first, so an import of the same series waits for the delete.
 *
 * @throws {@link SeriesNotFoundError} when nothing is stored for it, {@link SeriesInUseError} naming the sweeps that
 * pin it
 * @example
 * await deleteBarSeries(db, 'ORCL', '1d'); // [{ symbol: 'ORCL', interval: '1d', bars: 5036 }]
 */
export async function deleteBarSeries(
  db: Kysely<Database>,
  symbol: string,
  interval?: string,
): Promise<DeletedSeries[]> {
  return db.transaction().execute(async (tx) => {
    let series = tx.selectFrom('bar_series').select(['symbol', 'interval', 'bars']).where('symbol', '=', symbol);
    if (interval) series = series.where('interval', '=', interval);
    const found = await series.orderBy('interval').forUpdate().execute();
    if (found.length === 0) {
      throw new SeriesNotFoundError(`no stored bars for ${symbol}${interval ? ` at ${interval}` : ''}`);
    }
    const intervals = found.map((s) => s.interval);
    const pinning = await tx
      .selectFrom('sweeps')
      .select(['id', 'name', sql<string>`spec->>'interval'`.as('interval')])
      .where('status', 'in', ['queued', 'running'])
      .where(sql<boolean>`spec->'symbols' ? ${symbol}`)
      .where(sql<string>`spec->>'interval'`, 'in', intervals)
      .execute();
    if (pinning.length > 0) {
      throw new SeriesInUseError(
        `${symbol} is used by ${pinning.length} running sweep${pinning.length > 1 ? 's' : ''}: ${pinning
          .map((s) => `${s.id} '${s.name}' (${s.interval})`)
          .join(
            ', ',
          )}; cancel ${pinning.length > 1 ? 'them' : 'it'} or wait for ${pinning.length > 1 ? 'them' : 'it'} to finish`,
      );
    }
    await tx.deleteFrom('bars').where('symbol', '=', symbol).where('interval', 'in', intervals).execute();
    await tx.deleteFrom('bar_series').where('symbol', '=', symbol).where('interval', 'in', intervals).execute();
    return found.map((s) => ({ symbol: s.symbol, interval: s.interval, bars: Number(s.bars) }));
  });
}
