import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextRow } from './copy-text-row.js';
import { poolOf } from './pool-usage.js';

/** One pooled connection lent for COPY and the statements around it (see {@link withCopyConnection}). */
export interface CopyConnection {
  /**
   * Runs SQL without parameters through the simple query protocol, so several `;`-separated statements (`begin; …`,
   * `…; commit`) cost one round trip; resolves with each statement's result. A failing statement skips the rest.
   */
  query(text: string): Promise<pg.QueryResult[]>;
  /** Streams rows into `table` with COPY (text format); resolves with the number of rows the server took. */
  copyRows(
    table: string,
    columns: readonly string[],
    rows: readonly Readonly<Record<string, unknown>>[],
  ): Promise<number>;
}

/** Rows per chunk written to the COPY stream: large enough to keep writes few, small enough to bound memory. */
const ROWS_PER_CHUNK = 500;

function* chunks(rows: readonly Readonly<Record<string, unknown>>[], columns: readonly string[]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    let chunk = '';
    for (let j = i; j < Math.min(rows.length, i + ROWS_PER_CHUNK); j++)
      chunk += copyTextRow(rows[j] as Readonly<Record<string, unknown>>, columns);
    yield chunk;
  }
}

/**
 * Lends `work` one client of the pool behind `db` (see `createDatabase`) for what Kysely cannot do: stream COPY, and
 * send several statements in one round trip. A transaction is the caller's to open and commit in its SQL. When
 * `work` throws, the connection is closed instead of going back to the pool, and closing it rolls back whatever it
 * had open, so a failed batch leaves nothing behind.
 */
export async function withCopyConnection<DB, T>(
  db: Kysely<DB>,
  work: (conn: CopyConnection) => Promise<T>,
): Promise<T> {
  const client = await poolOf(db).connect();
  let failure: Error | undefined;
  try {
    return await work({
      async query(text) {
        const result = (await client.query(text)) as pg.QueryResult | pg.QueryResult[];
        return Array.isArray(result) ? result : [result];
      },
      async copyRows(table, columns, rows) {
        const list = columns.map((c) => pg.escapeIdentifier(c)).join(', ');
        const stream = client.query(copyFrom(`copy ${pg.escapeIdentifier(table)} (${list}) from stdin`));
        await pipeline(Readable.from(chunks(rows, columns)), stream);
        return stream.rowCount;
      },
    });
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    client.release(failure);
  }
}
