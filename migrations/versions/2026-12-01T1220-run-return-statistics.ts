import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    // Return minus buy-and-hold of the same symbol over the same bars, and the per-bar (not annualized) Sharpe.
    .addColumn('excess_return', 'double precision')
    .addColumn('bar_sharpe', 'double precision')
    // [T, mean, sample std, skewness, kurtosis] of the run's per-bar returns: its Sharpe estimate for PSR and DSR.
    .addColumn('return_moments', sql`double precision[]`)
    // 16 CSCV blocks × (count, Σr, Σr²): PBO of any group without replay. 48 float8 = 384 B + a 24 B array header per
    // run, 41 MB for 10⁵ trials; bytea would save only the header, and an array stays readable in SQL (block_stats[2]).
    .addColumn('block_stats', sql`double precision[]`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    .dropColumn('block_stats')
    .dropColumn('return_moments')
    .dropColumn('bar_sharpe')
    .dropColumn('excess_return')
    .execute();
}
