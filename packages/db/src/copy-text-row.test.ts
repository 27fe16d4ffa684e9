import { randomUUID } from 'node:crypto';
import { MetricTable, type RunMetrics, type RunOutcome, StatisticNames } from '@fleet/contracts';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './create-database.js';
import { OUTCOME_COLUMNS, runRowOf } from './run-columns.js';
import { storeRunOutcomes } from './store-run-outcomes.js';
import { createSweep } from './sweeps.js';
import { withCopyConnection } from './with-copy-connection.js';

const db = createDatabase({ url: inject('databaseUrl') });
afterAll(() => db.destroy());

/** Strings COPY's text format must carry byte for byte: its escapes, its null marker, quotes, unicode. */
const AWKWARD_TEXT = [
  'it\'s "quoted", {braced}',
  'C:\\path\\new\\table \\N',
  '\\N',
  '',
  'line one\nline two\r\nend\ttabbed',
  'unicode: € £ 日本語 🚀 \u00e9\u0301',
];
/** Floats at float8's edges, and its non-finite values the engine may one day report. */
const AWKWARD_FLOATS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  5e-324,
  1.7976931348623157e308,
  0.1 + 0.2,
  -1e-7,
];

async function newSweep(total: number): Promise<string> {
  const id = randomUUID();
  await createSweep(db, { id, idempotencyKey: null, name: 'copy', spec: {}, total, jobs: 1, runsPerJob: total });
  return id;
}

const awkward = (sweepId: string): RunOutcome[] => [
  ...AWKWARD_TEXT.map(
    (message, i): RunOutcome => ({
      sweepId,
      runIndex: i,
      strategy: message || 's',
      symbol: `S${i}`,
      params: { [`p"${i}\\`]: i + 0.5 },
      settings: { 'stop\tloss': 0.05 },
      durationMs: 0.1 + 0.2,
      engineVersion: '1.0.0',
      codeVersion: 'test',
      status: 'failed',
      error: { name: 'DataError', code: 'BAD\\CODE', message },
    }),
  ),
  ...AWKWARD_FLOATS.map((value, i): RunOutcome => {
    const metrics = Object.fromEntries(
      StatisticNames.map((n, k) => [
        n,
        MetricTable[n].type === 'float' ? AWKWARD_FLOATS[(i + k) % AWKWARD_FLOATS.length] : k,
      ]),
    ) as RunMetrics;
    return {
      sweepId,
      runIndex: AWKWARD_TEXT.length + i,
      strategy: 'sma_cross',
      symbol: 'ORCL',
      params: { fast: Number.isNaN(value) ? 1 : 2 },
      durationMs: 1,
      engineVersion: '1.0.0',
      codeVersion: 'test',
      status: 'succeeded',
      dataVersion: '0123456789abcdef',
      cacheKey: `key ${i}`,
      cached: i % 2 === 0,
      finalEquity: ['0.00000001', '-123456789012345678901234567890.123456789', '100000'][i % 3] as string,
      closedTrades: i,
      winningTrades: 0,
      metrics: { ...metrics, sharpe: i === 0 ? null : metrics.sharpe },
    };
  }),
];

/** Every column of the stored rows of a sweep as Postgres prints it, the sweep id left out. */
async function storedText(sweepId: string): Promise<Record<string, string | null>[]> {
  const columns = ['run_index', ...OUTCOME_COLUMNS];
  const { rows } = await sql<Record<string, string | null>>`select ${sql.join(
    columns.map((c) => sql`${sql.ref(c)}::text as ${sql.ref(c)}`),
  )} from runs where sweep_id = ${sweepId} order by runs.run_index`.execute(db);
  return rows;
}

describe('COPY text encoding', () => {
  it('stores awkward outcomes exactly as an INSERT with parameters stores them', async () => {
    const copied = await newSweep(AWKWARD_TEXT.length + AWKWARD_FLOATS.length);
    const inserted = await newSweep(AWKWARD_TEXT.length + AWKWARD_FLOATS.length);
    const stored = await storeRunOutcomes(db, awkward(copied));
    expect(stored.inserted, 'every awkward row goes in').toBe(AWKWARD_TEXT.length + AWKWARD_FLOATS.length);
    await db.insertInto('runs').values(awkward(inserted).map(runRowOf)).execute();
    const viaCopy = await storedText(copied);
    expect(viaCopy, 'each column reads back as the parameterized INSERT wrote it').toEqual(await storedText(inserted));
    expect(viaCopy.map((r) => r.error_message).slice(0, AWKWARD_TEXT.length), 'messages byte for byte').toEqual(
      AWKWARD_TEXT,
    );
    const floats = viaCopy.slice(AWKWARD_TEXT.length);
    expect(
      floats.map((r) => r.total_return ?? r.cagr),
      'non-finite floats survive',
    ).toEqual(expect.arrayContaining(['NaN', 'Infinity', '-Infinity']));
    expect(
      floats.map((r) => r.final_equity),
      'numeric is exact, never through a float',
    ).toEqual(
      AWKWARD_FLOATS.map((_, i) => ['0.00000001', '-123456789012345678901234567890.123456789', '100000'][i % 3]),
    );
    expect(floats[0]?.sharpe, 'an undefined statistic stays null').toBeNull();
    expect(viaCopy[2]?.error_message, 'the text \\N is data, not null').toBe('\\N');
    expect(viaCopy[3]?.error_message, 'the empty string is not null').toBe('');
  });

  it('copies arrays, json, dates, booleans and nulls of other column types as parameters would', async () => {
    const values = [
      ['a,b', 'quote " and \\ back', null, '{brace}', 'NULL', ''],
      { nested: { 'k"ey': ['x\ty', null, 1.5] }, unicode: '🚀' },
      new Date('2026-12-01T12:40:00.123Z'),
      true,
      '79228162514264337593543950335.0000000001',
      [1.5, -0, Number.NaN],
      null,
    ];
    const columns = ['a', 'j', 'ts', 'b', 'n', 'f', 'nothing'];
    const table = '(a text[], j jsonb, ts timestamptz, b boolean, n numeric, f float8[], nothing text)';
    const read = 'select a::text, j::text, ts::text, b::text, n::text, f::text, nothing from';
    const viaCopy = await withCopyConnection(db, async (conn) => {
      await conn.query(`begin; create temporary table copied ${table} on commit drop`);
      const row = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
      expect(await conn.copyRows('copied', columns, [row]), 'the server took one row').toBe(1);
      const [copied] = await conn.query(`${read} copied; commit`);
      return copied?.rows;
    });
    const viaParameters = await db.transaction().execute(async (trx) => {
      await sql`create temporary table inserted ${sql.raw(table)} on commit drop`.execute(trx);
      await sql`insert into inserted values (${sql.join(values.map((v) => sql`${v}`))})`.execute(trx);
      return (await sql`${sql.raw(read)} inserted`.execute(trx)).rows;
    });
    expect(viaCopy).toEqual(viaParameters);
  });

  it('rolls back a transaction whose COPY Postgres refuses, and the pool serves the next batch', async () => {
    await sql`create table copy_probe (i integer)`.execute(db);
    try {
      const bad = withCopyConnection(db, async (conn) => {
        await conn.query('begin; insert into copy_probe values (0)');
        await conn.copyRows('copy_probe', ['i'], [{ i: 1 }, { i: 'not a number' }]);
        await conn.query('commit');
      });
      await expect(bad).rejects.toThrow(/invalid input syntax for type integer/);
      const left = await sql<{ n: number }>`select count(*)::int as n from copy_probe`.execute(db);
      expect(left.rows[0]?.n, 'nothing of the failed transaction is committed').toBe(0);
      const sweepId = await newSweep(1);
      expect((await storeRunOutcomes(db, awkward(sweepId).slice(0, 1))).inserted, 'the next batch is stored').toBe(1);
    } finally {
      await sql`drop table copy_probe`.execute(db);
    }
  });

  it('writes every column of runs from the outcome, so a column added by a migration cannot be silently left empty', async () => {
    const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'runs' and column_name <> 'created_at'`.execute(db);
    const written = new Set<string>(['sweep_id', 'run_index', ...OUTCOME_COLUMNS]);
    expect(
      rows.map((r) => r.column_name).filter((c) => !written.has(c)),
      'runs columns that no outcome field maps to (RunColumns in run-columns.ts, or the MetricTable)',
    ).toEqual([]);
  });
});
