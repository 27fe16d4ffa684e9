import type { Kysely } from 'kysely';
import type pg from 'pg';

const pools = new WeakMap<object, pg.Pool>();

/** Remembers the pool behind a Kysely instance made by `createDatabase`, which Kysely itself does not expose. */
export function rememberPool<DB>(db: Kysely<DB>, pool: pg.Pool): void {
  pools.set(db, pool);
}

/**
 * The usage of the pg pool behind `db` (clients open, idle, requests waiting, and the pool's size), for the
 * `fleet_pg_pool_*` metrics; `undefined` for an instance not made by `createDatabase`.
 *
 * @example
 * registerPoolMetrics(registry, () => poolUsage(db));
 */
export function poolUsage<DB>(
  db: Kysely<DB>,
): { total: number; idle: number; waiting: number; max: number } | undefined {
  const pool = pools.get(db);
  return pool
    ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }
    : undefined;
}

/** The pg pool behind `db`, for what Kysely cannot do over it (COPY); throws for an instance not made by `createDatabase`. */
export function poolOf<DB>(db: Kysely<DB>): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('COPY needs a database made by createDatabase: this Kysely instance has no known pg pool');
  return pool;
}
