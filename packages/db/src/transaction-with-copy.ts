import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextRow } from './copy-text-row.js';
import { poolOf } from './pool-usage.js';

/** Streams rows into a table with COPY inside the open transaction; resolves with the number of rows the server took. */
export type CopyRows = (
  table: string,
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
) => Promise<number>;

/** Rows per chunk written to the COPY stream: large enough to keep writes few, small enough to bound memory. */
const ROWS_PER_CHUNK = 500;

function* chunks(rows: readonly Readonly<Record<string, unknown>>[], columns: readonly string[]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    let chunk = '';
    for (const row of rows.slice(i, i + ROWS_PER_CHUNK)) chunk += copyTextRow(row, columns);
    yield chunk;
  }
}

/**
 * Runs `work` in one transaction on one pooled client that Kysely queries and COPY share: Kysely cannot stream
 * COPY, so the client is taken from the pool behind `db` (see `createDatabase`) and lent to a Kysely instance of
 * its own for the transaction's other statements. A client that failed (server gone, COPY aborted) is discarded
 * instead of going back to the pool.
 */
export async function transactionWithCopy<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>, copyRows: CopyRows) => Promise<T>,
): Promise<T> {
  const client = await poolOf(db).connect();
  let failure: Error | undefined;
  try {
    const lent = { query: client.query.bind(client), release: () => {} } as unknown as PostgresPoolClient;
    const onClient = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: { connect: async () => lent, end: async () => {} } }),
    });
    const copyRows: CopyRows = async (table, columns, rows) => {
      const list = columns.map((c) => pg.escapeIdentifier(c)).join(', ');
      const stream = client.query(copyFrom(`copy ${pg.escapeIdentifier(table)} (${list}) from stdin`));
      await pipeline(Readable.from(chunks(rows, columns)), stream);
      return stream.rowCount;
    };
    return await onClient.transaction().execute((trx) => work(trx, copyRows));
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    client.release(failure);
  }
}
