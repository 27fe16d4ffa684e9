import type { ConnectionOptions } from 'node:tls';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { rememberPool } from './pool-usage.js';
import type { Database } from './schema.js';

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  url: string;
  /** @defaultValue 10 */
  poolMax?: number;
  /** Name shown in `pg_stat_activity`. @defaultValue 'fleet' */
  applicationName?: string;
  /** TLS to the server (from `postgresSslOptions(env)`); `false` turns it off. @defaultValue as the URL says */
  ssl?: boolean | ConnectionOptions | undefined;
  /** Called for errors of idle pooled clients (e.g. the server restarted); without a listener they would crash the process. */
  onPoolError?: (error: Error) => void;
}

// int8 → number: counts and run indexes stay far below 2^53, and strings would leak into every caller.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Creates the Kysely instance of a process over its own pg pool, with timeouts so a stuck server fails fast.
 *
 * @example
 * const db = createDatabase({ url: env.DATABASE_URL, onPoolError: (e) => log.warn({ err: e }, 'pg pool error') });
 * await db.destroy();
 */
export function createDatabase(options: DatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 120_000,
    application_name: options.applicationName ?? 'fleet',
    types,
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
  });
  pool.on('error', options.onPoolError ?? (() => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  rememberPool(db, pool);
  return db;
}
