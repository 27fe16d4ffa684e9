import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';

async function withMaintenanceClient<T>(
  url: string,
  ssl: boolean | ConnectionOptions | undefined,
  fn: (client: pg.Client, name: string) => Promise<T>,
): Promise<T> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error(`DATABASE_URL names no database: ${target.origin}`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: maintenance.toString(),
    connectionTimeoutMillis: 10_000,
    ...(ssl === undefined ? {} : { ssl }),
  });
  await client.connect();
  try {
    return await fn(client, name);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates the database named in `url` when it does not exist yet, so a fresh machine needs no manual `createdb`.
 * `ssl` is the TLS option of the app's own pool (`postgresSslOptions(env)`).
 */
export async function createDatabaseIfMissing(url: string, ssl?: boolean | ConnectionOptions): Promise<boolean> {
  return withMaintenanceClient(url, ssl, async (client, name) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`create database ${quoteIdent(name)}`);
    } catch (error) {
      // Two processes may race to create it; the loser sees duplicate_database (42P04).
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  });
}

/** Drops the database named in `url`, closing its other connections (used by tests for their private databases). */
export async function dropDatabase(url: string): Promise<void> {
  await withMaintenanceClient(url, undefined, async (client, name) => {
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  });
}
