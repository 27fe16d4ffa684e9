import { BarSeriesSummary } from '@fleet/contracts';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Every stored series with its size, range and data version, read from `bar_series` (one row per series), so listing
 * never scans the bars however many there are. Rows are parsed as {@link BarSeriesSummary} on their way out.
 *
 * @example
 * const series = await listBarSeries(db);
 * // [{ symbol: 'ORCL', interval: '1d', bars: 5036, from: '1995-01-03T00:00:00.000Z', dataVersion: '9f0c…', … }]
 */
export async function listBarSeries(db: Kysely<Database>): Promise<BarSeriesSummary[]> {
  const rows = await db.selectFrom('bar_series').selectAll().orderBy('symbol').orderBy('interval').execute();
  return rows.map((r) =>
    BarSeriesSummary.parse({
      symbol: r.symbol,
      interval: r.interval,
      bars: Number(r.bars),
      from: r.first_ts.toISOString(),
      to: r.last_ts.toISOString(),
      dataVersion: r.version,
      updatedAt: r.updated_at.toISOString(),
    }),
  );
}
