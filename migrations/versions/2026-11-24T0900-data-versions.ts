import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per imported series: its size, its range and a content hash of its bars (the data version), so workers
  // can key caches and runs can record which data they saw without scanning the bars.
  await db.schema
    .createTable('bar_series')
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('interval', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('bars', 'bigint', (c) => c.notNull().check(sql`bars > 0`))
    .addColumn('first_ts', 'timestamptz', (c) => c.notNull())
    .addColumn('last_ts', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('bar_series_pkey', ['symbol', 'interval'])
    .execute();

  // Backfill the series imported before versions existed. The hash is a frozen copy of the one in
  // packages/db/src/import-bars.ts, so a later import of unchanged bars keeps the version computed here.
  await sql`
    insert into bar_series (symbol, interval, version, bars, first_ts, last_ts)
    select symbol, interval,
      left(md5(count(*)::text || ':' || sum(('x' || left(md5(
        (extract(epoch from ts) * 1000)::bigint::text || ',' || trim_scale(open)::text || ',' ||
        trim_scale(high)::text || ',' || trim_scale(low)::text || ',' || trim_scale(close)::text || ',' ||
        trim_scale(volume)::text), 16))::bit(64)::bigint)::text), 16),
      count(*), min(ts), max(ts)
    from bars
    group by symbol, interval
  `.execute(db);

  // Nullable: runs stored before this migration never recorded them, and a run that failed before its bars were
  // loaded has no data version.
  await db.schema
    .alterTable('runs')
    .addColumn('data_version', 'text')
    .addColumn('engine_version', 'text')
    .addColumn('code_version', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    .dropColumn('data_version')
    .dropColumn('engine_version')
    .dropColumn('code_version')
    .execute();
  await db.schema.dropTable('bar_series').execute();
}
