import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunOutcome } from '@fleet/contracts';
import {
  createDatabase,
  createSweep,
  type Database,
  findCachedResults,
  findQuietSweeps,
  findRun,
  findSweep,
  type Kysely,
  leaderboard,
  nextRequeueGeneration,
  storedRunBitmap,
  storeRunOutcomes,
} from '@fleet/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../support/fleet-processes.js';

const run = promisify(execFile);
const owner = createDatabase({ url: inject('databaseUrl') });
const tag = randomBytes(3).toString('hex');
const roles = {
  worker: `fleet_w_${tag}`,
  aggregator: `fleet_a_${tag}`,
  dashboard: `fleet_d_${tag}`,
  producer: `fleet_p_${tag}`,
} as const;
const passwords = { worker: randomUUID(), aggregator: randomUUID(), dashboard: randomUUID(), producer: randomUUID() };
/** A stored strategy bundle: its hash only has to look like one for the grants to be checked. */
const bundleHash = createHash('sha256').update(tag).digest('hex');
const bundleRead = sql`select bundle from strategy_bundles where hash = ${bundleHash}`;
const bundleInsert = (hash: string) =>
  sql`insert into strategy_bundles (hash, file_name, source, bundle) values (${hash}, 'x.ts', '', 'export {};')`;
const as: Partial<Record<keyof typeof roles, Kysely<Database>>> = {};
const sweepId = randomUUID();
const symbol = `R${tag.toUpperCase()}`;

function connectAs(app: keyof typeof roles): Kysely<Database> {
  const url = new URL(inject('databaseUrl'));
  url.username = roles[app];
  url.password = passwords[app];
  const db = createDatabase({ url: url.toString(), poolMax: 1 });
  as[app] = db;
  return db;
}

const outcome = (runIndex: number): RunOutcome => ({
  sweepId,
  runIndex,
  strategy: 'buy_and_hold',
  symbol,
  params: {},
  durationMs: 1,
  engineVersion: 'test',
  codeVersion: 'test',
  status: 'failed',
  error: { name: 'ConfigError', code: 'INVALID_PARAMS', message: 'bad' },
});

/** The error code Postgres answers a statement with, or 'ok'. */
async function attempt(db: Kysely<Database>, statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await statement.execute(db);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
}
const DENIED = '42501';
const barsRead = sql`select ts, open, high, low, close, volume from bars where symbol = ${symbol} and interval = '1d'`;

beforeAll(async () => {
  await createSweep(owner, {
    id: sweepId,
    idempotencyKey: null,
    name: 'roles',
    spec: {},
    total: 4,
    jobs: 1,
    runsPerJob: 4,
  });
  await sql`insert into bars (symbol, interval, ts, open, high, low, close, volume)
    values (${symbol}, '1d', '2020-01-02T00:00:00Z', 1, 2, 0.5, 1.5, 10)`.execute(owner);
  await bundleInsert(bundleHash).execute(owner);
  await run(
    'psql',
    [
      inject('databaseUrl'),
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      ...Object.entries(roles).flatMap(([app, role]) => ['-v', `${app}_role=${role}`]),
      ...Object.entries(passwords).flatMap(([app, pw]) => ['-v', `${app}_password=${pw}`]),
      '-f',
      join(repoRoot, 'infra/postgres/roles.sql'),
    ],
    { env: { ...process.env, PGCONNECT_TIMEOUT: '10' } },
  );
});

afterAll(async () => {
  await Promise.all(Object.values(as).map((db) => db.destroy()));
  for (const role of Object.values(roles)) {
    await sql`drop owned by ${sql.id(role)}`.execute(owner).catch(() => undefined);
    await sql`drop role if exists ${sql.id(role)}`.execute(owner);
  }
  await owner.deleteFrom('bars').where('symbol', '=', symbol).execute();
  await owner
    .deleteFrom('strategy_bundles')
    .where('hash', 'in', [bundleHash, createHash('sha256').update(`${tag}-p`).digest('hex')])
    .execute();
  await owner.destroy();
});

describe('infra/postgres/roles.sql', () => {
  it('lets the worker read bars, sweeps and cached results, and nothing else', async () => {
    const db = connectAs('worker');
    expect(await attempt(db, barsRead), 'the bars a run loads').toBe('ok');
    expect((await findSweep(db, sweepId))?.id).toBe(sweepId);
    expect(
      await attempt(
        db,
        sql`insert into runs (sweep_id, run_index, strategy, symbol, params, status, duration_ms)
      values (${sweepId}, 99, 's', 'A', '{}', 'failed', 0)`,
      ),
    ).toBe(DENIED);
    expect((await findCachedResults(db, ['no-such-key'])).size, 'the result cache lookup').toBe(0);
    expect(await attempt(db, sql`select params, error_message from runs`), 'only the result columns are readable').toBe(
      DENIED,
    );
    expect(await attempt(db, sql`update sweeps set status = 'cancelled'`)).toBe(DENIED);
    expect(await attempt(db, sql`create table worker_owned (x int)`)).toBe(DENIED);
    expect(await attempt(db, bundleRead), 'a strategy bundle, fetched by hash').toBe('ok');
    expect(await attempt(db, bundleInsert('a'.repeat(64))), 'a worker never ships code').toBe(DENIED);
  });

  it('lets the producer role store strategy bundles, never change or delete one, and touch nothing else', async () => {
    const db = connectAs('producer');
    expect(await attempt(db, bundleInsert(createHash('sha256').update(`${tag}-p`).digest('hex')))).toBe('ok');
    expect(await attempt(db, bundleRead)).toBe('ok');
    expect(await attempt(db, sql`update strategy_bundles set bundle = 'x' where hash = ${bundleHash}`)).toBe(DENIED);
    expect(await attempt(db, sql`delete from strategy_bundles`)).toBe(DENIED);
    expect(await attempt(db, barsRead)).toBe(DENIED);
  });

  it('lets the aggregator store outcomes, advance and reconcile sweeps, but not delete or rewrite them', async () => {
    const db = connectAs('aggregator');
    const stored = await storeRunOutcomes(db, [outcome(0), outcome(1), outcome(1)]);
    expect(stored).toMatchObject({ inserted: 2, duplicates: 1 });
    const full = await storeRunOutcomes(db, [outcome(2), outcome(3)]);
    expect(full.finishedSweeps, 'the sweep closes in the same transaction').toEqual([
      { sweepId, status: 'completed_with_failures' },
    ]);
    expect(Array.from(await storedRunBitmap(db, sweepId, 4))).toEqual([1, 1, 1, 1]);
    expect(await nextRequeueGeneration(db, sweepId)).toBe(1);
    await findQuietSweeps(db, new Date());
    expect(await attempt(db, sql`delete from runs where sweep_id = ${sweepId}`)).toBe(DENIED);
    expect(
      await attempt(db, sql`update runs set run_index = run_index + 100 where sweep_id = ${sweepId}`),
      "a run's key is never rewritten",
    ).toBe(DENIED);
    expect(await attempt(db, sql`update sweeps set spec = '{}', total = 0 where id = ${sweepId}`)).toBe(DENIED);
    expect(
      await attempt(
        db,
        sql`insert into sweeps (id, name, spec, total, jobs, runs_per_job)
      values (${randomUUID()}, 'x', '{}', 1, 1, 1)`,
      ),
    ).toBe(DENIED);
    expect(
      await attempt(
        db,
        sql`insert into bars (symbol, interval, ts, open, high, low, close, volume)
      values ('X', '1d', now(), 1, 1, 1, 1, 1)`,
      ),
    ).toBe(DENIED);
    expect(await attempt(db, sql`truncate runs`)).toBe(DENIED);
  });

  it('keeps the dashboard read-only', async () => {
    const db = connectAs('dashboard');
    expect((await leaderboard(db, sweepId, { sort: 'sharpe', limit: 10 })).total).toBeTypeOf('number');
    expect((await findRun(db, sweepId, 0))?.error_code, 'a run stored by the aggregator').toBe('INVALID_PARAMS');
    expect(await attempt(db, barsRead), 'a replay loads the bars').toBe('ok');
    expect(await attempt(db, bundleRead), 'and the strategy bundle its run ran').toBe('ok');
    expect(await attempt(db, bundleInsert('b'.repeat(64)))).toBe(DENIED);
    expect(await attempt(db, sql`update sweeps set status = 'cancelled' where id = ${sweepId}`)).toBe(DENIED);
    expect(await attempt(db, sql`delete from runs`)).toBe(DENIED);
    expect(
      await attempt(
        db,
        sql`insert into runs (sweep_id, run_index, strategy, symbol, params, status, duration_ms)
      values (${sweepId}, 98, 's', 'A', '{}', 'failed', 0)`,
      ),
    ).toBe(DENIED);
  });

  it('is safe to run again: roles are kept, grants rebuilt', async () => {
    await expect(
      run('psql', [
        inject('databaseUrl'),
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        ...Object.entries(roles).flatMap(([app, role]) => ['-v', `${app}_role=${role}`]),
        ...Object.entries(passwords).flatMap(([app, pw]) => ['-v', `${app}_password=${pw}`]),
        '-f',
        join(repoRoot, 'infra/postgres/roles.sql'),
      ]),
    ).resolves.toBeDefined();
  });
});
