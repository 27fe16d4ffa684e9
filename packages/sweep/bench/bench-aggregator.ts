import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MetricTable, type RunMetrics, type RunOutcome, StatisticNames, SweepSpec } from '@fleet/contracts';
import {
  createDatabase,
  createDatabaseIfMissing,
  createSweep,
  type Database,
  dropDatabase,
  findSweep,
  type Kysely,
  migrateToLatest,
  runRowOf,
  storeRunOutcomes,
  withCopyConnection,
} from '@fleet/db';
import { SweepPlan } from '@fleet/planning';
import { createRedisConnection, publishOutcomes } from '@fleet/queue';
import { PlannedRunVerifier } from '@fleet/sweep';
import { sql } from 'kysely';
import { processCpuSeconds } from './process-cpu.js';

/**
 * `pnpm bench:aggregator [--rows N] [--batch N] [--json]`: what the aggregator's write path costs against the
 * fastest way Postgres takes the same rows, in one run on one machine. (1) The store path (the plan check and
 * `storeRunOutcomes`, in the aggregator's batches) against the INSERT path it replaced and against one plain COPY of
 * the same rows into an empty table with the same indexes; (2) the staging table the store path COPYs into: temporary ON COMMIT DROP, temporary ON COMMIT
 * DELETE ROWS kept per connection, or an unlogged table per connection; (3) one and then two aggregator processes in
 * one consumer group draining the results stream, rows/s each. CPU-seconds of this process and of the Postgres
 * backends are read from /proc. Its database and key prefix are its own and removed after.
 */
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '500' },
    json: { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const BATCH = Number(values.batch);
if (!Number.isInteger(ROWS) || ROWS < 1_000) throw new Error('--rows must be a whole number of at least 1000');
if (!Number.isInteger(BATCH) || BATCH < 1) throw new Error('--batch must be a positive whole number');
const json = values.json;
const say = (line: string) => !json && process.stdout.write(`${line}\n`);

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const id = randomBytes(4).toString('hex');
const databaseUrl = new URL(ADMIN_URL);
databaseUrl.pathname = `/fleet_bench_agg_${id}`;
const prefix = `fleet-bench-agg-${id}`;
/** Runs per results entry, as a worker publishes one entry per job. */
const RUNS_PER_ENTRY = 50;
const metrics = Object.fromEntries(
  StatisticNames.map((m, i) => [m, MetricTable[m].type === 'integer' ? i : 0.1 * (i + 1)]),
) as RunMetrics;

/** A planned sweep of `rows` runs and its outcomes, as workers would publish them. */
async function plannedSweep(db: Kysely<Database>, name: string, rows: number) {
  const slow = Math.ceil(rows / 500);
  const spec = SweepSpec.parse({
    name,
    symbols: ['ORCL'],
    start: '2005-01-01',
    end: '2012-12-31',
    strategies: [
      {
        name: 'sma_cross',
        params: { fast: { from: 1, to: 500, step: 1 }, slow: { from: 1001, to: 1000 + slow, step: 1 } },
      },
    ],
  });
  const sweepId = randomUUID();
  const plan = new SweepPlan(spec, sweepId, { runsPerJob: RUNS_PER_ENTRY });
  await createSweep(db, {
    id: sweepId,
    idempotencyKey: null,
    name,
    spec,
    total: plan.totalRuns,
    jobs: plan.totalJobs,
    runsPerJob: RUNS_PER_ENTRY,
  });
  const outcomes: RunOutcome[] = [...plan.jobs()].flatMap((j) =>
    j.data.runs.map((r) => ({
      sweepId,
      runIndex: r.index,
      strategy: j.data.strategy,
      symbol: j.data.symbol,
      params: r.params,
      durationMs: 1.25,
      engineVersion: '1',
      codeVersion: 'bench',
      status: 'succeeded' as const,
      dataVersion: '0123456789abcdef',
      cacheKey: `cache-key-${r.index}`,
      finalEquity: (100_000 + r.index / 100).toFixed(2),
      closedTrades: 40,
      winningTrades: 17,
      metrics,
    })),
  );
  return { sweepId, outcomes };
}

/** CPU-seconds of this process and of the database's Postgres backends. */
async function cpuNow(db: Kysely<Database>): Promise<{ own: number; postgres: number }> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database()`.execute(db);
  const own = process.cpuUsage();
  return {
    own: (own.user + own.system) / 1e6,
    postgres: rows.reduce((sum, r) => sum + (processCpuSeconds(r.pid) ?? 0), 0),
  };
}

interface Measured {
  rowsPerSecond: number;
  seconds: number;
  cpuSeconds: { own: number; postgres: number };
}

/** Times `work` over `rows` rows, with the CPU it cost here and in Postgres (pools kept open, so backends persist). */
async function measure(db: Kysely<Database>, rows: number, work: () => Promise<void>): Promise<Measured> {
  const before = await cpuNow(db);
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const after = await cpuNow(db);
  return {
    rowsPerSecond: Math.round(rows / seconds),
    seconds: Number(seconds.toFixed(3)),
    cpuSeconds: {
      own: Number((after.own - before.own).toFixed(2)),
      postgres: Number((after.postgres - before.postgres).toFixed(2)),
    },
  };
}

const batches = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));

/** An empty table with the columns, constraints and indexes of `runs`. */
async function emptyRunsLike(db: Kysely<Database>, table: string): Promise<void> {
  await sql`create table ${sql.id(table)} (like runs including all)`.execute(db);
}

/** Where a batch's rows are COPYed before INSERT … SELECT … ON CONFLICT moves them into the table. */
const STAGINGS = [
  'temporary on commit drop',
  'temporary on commit delete rows, per connection',
  'unlogged per connection',
] as const;
type Staging = (typeof STAGINGS)[number];

/**
 * The statements, sent in one round trip, that open a batch's transaction with the staging table of `variant` ready;
 * the last one answers the table's name.
 */
function openStaging(variant: Staging, cols: string, target: string): string {
  const shape = `select ${cols} from ${target} with no data`;
  if (variant === 'temporary on commit drop')
    return `begin; create temporary table staged on commit drop as ${shape}; select 'staged' as name`;
  if (variant === 'temporary on commit delete rows, per connection')
    return `begin; create temporary table if not exists kept_${target} on commit delete rows as ${shape};
      select 'kept_${target}' as name`;
  // A table per backend, named after it and emptied by each batch.
  return `begin; select set_config('bench.staging', 'unlogged_${target}_' || pg_backend_pid(), true);
    do $$ begin
      execute format('create unlogged table if not exists %I as ${shape}', current_setting('bench.staging'));
      execute format('truncate %I', current_setting('bench.staging'));
    end $$;
    select current_setting('bench.staging') as name`;
}

/** Each batch as the store path moves it, less the plan check and the counters: staged, then INSERT … SELECT. */
async function stagedCopy(
  db: Kysely<Database>,
  variant: Staging,
  target: string,
  rows: readonly Readonly<Record<string, unknown>>[][],
): Promise<void> {
  const columns = Object.keys(rows[0]?.[0] ?? {});
  const cols = columns.join(', ');
  for (const batch of rows) {
    await withCopyConnection(db, async (conn) => {
      const staging = (await conn.query(openStaging(variant, cols, target))).at(-1)?.rows[0]?.name as string;
      await conn.copyRows(staging, columns, batch);
      await conn.query(`insert into ${target} (${cols}) select * from ${staging}
        on conflict (sweep_id, run_index) do nothing returning sweep_id; commit`);
    });
  }
}

/**
 * The store path before COPY, kept here to measure against: per batch, the sweep locked, one multi-row INSERT … ON
 * CONFLICT with a parameter per value (1,500 rows a statement at most), and the counters advanced, in one transaction.
 */
async function insertPath(db: Kysely<Database>, outcomes: readonly RunOutcome[]): Promise<void> {
  const rows = outcomes.map(runRowOf);
  const overwrite = Object.keys(rows[0] ?? {}).filter((c) => c !== 'sweep_id' && c !== 'run_index');
  await db.transaction().execute(async (trx) => {
    const sweepIds = [...new Set(outcomes.map((o) => o.sweepId))].sort();
    await trx
      .selectFrom('sweeps')
      .select(['id', 'total'])
      .where('id', 'in', sweepIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    for (let i = 0; i < rows.length; i += 1_500) {
      const written = await trx
        .insertInto('runs')
        .values(rows.slice(i, i + 1_500))
        .onConflict((oc) =>
          oc
            .columns(['sweep_id', 'run_index'])
            .doUpdateSet((eb) =>
              Object.fromEntries(overwrite.map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.status')])),
            )
            .where('runs.status', '=', 'failed')
            .where('excluded.status', '=', 'succeeded'),
        )
        .returning(['sweep_id', 'status', 'cached', sql<boolean>`xmax <> 0`.as('replaced')])
        .execute();
      for (const sweepId of sweepIds)
        await trx
          .updateTable('sweeps')
          .set({ succeeded: sql`succeeded + ${written.length}`, last_progress_at: sql`now()` })
          .where('id', '=', sweepId)
          .execute();
    }
  });
}

/** Starts one aggregator process of the bench's consumer group, collecting its JSON log lines. */
function startAggregator(name: string): { child: ChildProcess; lines: Record<string, unknown>[] } {
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=256', join(root, 'apps', 'aggregator', 'dist', 'main.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL,
        FLEET_QUEUE_PREFIX: prefix,
        AGGREGATOR_NAME: name,
        AGGREGATOR_BATCH_SIZE: String(BATCH),
        LOG_LEVEL: 'debug',
        METRICS_PORT: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  // The aggregator logs JSON lines on stderr.
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stderr?.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        if (!json) process.stderr.write(`${line}\n`);
      }
    }
  });
  return { child, lines };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** k aggregators drain one sweep's outcomes from the stream: rows/s of the group and of each, and their CPU. */
async function drainWith(db: Kysely<Database>, redis: ReturnType<typeof createRedisConnection>, count: number) {
  const { sweepId, outcomes } = await plannedSweep(db, `bench-agg-${count}`, ROWS);
  const aggregators = Array.from({ length: count }, (_, i) => startAggregator(`bench-agg-${count}-${i}`));
  try {
    await waitFor(
      'aggregators ready',
      () => aggregators.every((a) => a.lines.some((l) => l.msg === 'aggregator ready')),
      60_000,
    );
    const cpuStart = aggregators.map((a) => processCpuSeconds(a.child.pid ?? 0) ?? 0);
    const pgStart = (await cpuNow(db)).postgres;
    const started = performance.now();
    // One entry per job, as workers publish them; concurrent commands are pipelined by the client.
    const entries = Array.from({ length: Math.ceil(outcomes.length / RUNS_PER_ENTRY) }, (_, i) =>
      outcomes.slice(i * RUNS_PER_ENTRY, (i + 1) * RUNS_PER_ENTRY),
    );
    await Promise.all(entries.map((entry) => publishOutcomes(redis, prefix, entry)));
    await waitFor('the sweep to complete', async () => (await findSweep(db, sweepId))?.status === 'completed', 600_000);
    const seconds = (performance.now() - started) / 1000;
    const pgCpu = (await cpuNow(db)).postgres - pgStart;
    const each = aggregators.map((a, i) => {
      const rows = a.lines.filter((l) => l.msg === 'batch stored').reduce((n, l) => n + Number(l.inserted ?? 0), 0);
      return {
        rows,
        rowsPerSecond: Math.round(rows / seconds),
        cpuSeconds: Number(((processCpuSeconds(a.child.pid ?? 0) ?? 0) - (cpuStart[i] ?? 0)).toFixed(2)),
      };
    });
    return {
      aggregators: count,
      rowsPerSecond: Math.round(ROWS / seconds),
      seconds: Number(seconds.toFixed(2)),
      each,
      postgresCpuSeconds: Number(pgCpu.toFixed(2)),
    };
  } finally {
    for (const a of aggregators) a.child.kill('SIGTERM');
    await Promise.all(
      aggregators.map((a) => new Promise((r) => (a.child.exitCode !== null ? r(0) : a.child.on('exit', r)))),
    );
  }
}

await createDatabaseIfMissing(databaseUrl.toString());
const db = createDatabase({ url: databaseUrl.toString(), poolMax: 2, applicationName: 'fleet-bench-aggregator' });
const redis = createRedisConnection(REDIS_URL, 'command');
try {
  await migrateToLatest(db);
  say(`${ROWS} succeeded outcomes of one planned sweep, batches of ${BATCH}; the machine is shared, so compare ratios`);

  // (1) The store path against plain COPY of the same rows.
  const { outcomes } = await plannedSweep(db, 'bench-store', ROWS);
  const verifier = PlannedRunVerifier.forDatabase(db);
  await verifier.check(outcomes.slice(0, 1));
  const store = await measure(db, ROWS, async () => {
    for (const batch of batches(outcomes)) {
      const { planned, unplanned } = await verifier.check(batch);
      if (unplanned.length > 0) throw new Error(`the plan refused ${unplanned[0]?.problem}`);
      const stored = await storeRunOutcomes(db, planned);
      if (stored.inserted !== batch.length) throw new Error(`stored ${stored.inserted} of ${batch.length}`);
    }
  });
  const previous = (await plannedSweep(db, 'bench-insert', ROWS)).outcomes;
  const insert = await measure(db, ROWS, async () => {
    for (const batch of batches(previous)) {
      const { planned } = await verifier.check(batch);
      await insertPath(db, planned);
    }
  });
  const rows = outcomes.map(runRowOf);
  // A result's row names every column a result sets; the others (its error) are null either way.
  const columns = Object.keys(rows[0] ?? {});
  await emptyRunsLike(db, 'runs_plain_copy');
  const plainCopy = await measure(db, ROWS, async () => {
    await withCopyConnection(db, async (conn) => {
      await conn.copyRows('runs_plain_copy', columns, rows);
    });
  });
  await emptyRunsLike(db, 'runs_batched_copy');
  const batchedCopy = await measure(db, ROWS, async () => {
    for (const batch of batches(rows))
      await withCopyConnection(db, async (conn) => {
        await conn.copyRows('runs_batched_copy', columns, batch);
      });
  });
  const ratio = Number((store.rowsPerSecond / plainCopy.rowsPerSecond).toFixed(3));
  say(
    `store path (plan check + storeRunOutcomes): ${store.rowsPerSecond} rows/s, ${store.cpuSeconds.own} CPU-s here, ${store.cpuSeconds.postgres} CPU-s in Postgres`,
  );
  say(
    `INSERT path (before COPY):                 ${insert.rowsPerSecond} rows/s, ${insert.cpuSeconds.own} CPU-s here, ${insert.cpuSeconds.postgres} CPU-s in Postgres`,
  );
  say(
    `plain COPY, one statement:                 ${plainCopy.rowsPerSecond} rows/s, ${plainCopy.cpuSeconds.own} CPU-s here, ${plainCopy.cpuSeconds.postgres} CPU-s in Postgres`,
  );
  say(`plain COPY, one per batch:                 ${batchedCopy.rowsPerSecond} rows/s`);
  say(`store path / INSERT path = ${(store.rowsPerSecond / insert.rowsPerSecond).toFixed(3)}`);
  say(
    `store path / plain COPY = ${ratio} (goal ≥ 0.8); / batched COPY = ${(store.rowsPerSecond / batchedCopy.rowsPerSecond).toFixed(3)}`,
  );

  // (2) The staging table.
  const staging: Record<string, Measured> = {};
  const rowBatches = batches(rows);
  for (const variant of STAGINGS) {
    const target = `runs_${Object.keys(staging).length}`;
    await emptyRunsLike(db, target);
    staging[variant] = await measure(db, ROWS, () => stagedCopy(db, variant, target, rowBatches));
    say(
      `staging ${variant}: ${staging[variant].rowsPerSecond} rows/s, ${staging[variant].cpuSeconds.postgres} CPU-s in Postgres`,
    );
  }

  // (3) One, then two aggregators in one consumer group.
  const one = await drainWith(db, redis, 1);
  say(
    `1 aggregator:  ${one.rowsPerSecond} rows/s (${one.each.map((e) => `${e.rowsPerSecond} rows/s, ${e.cpuSeconds} CPU-s`).join('; ')}), Postgres ${one.postgresCpuSeconds} CPU-s`,
  );
  const two = await drainWith(db, redis, 2);
  say(
    `2 aggregators: ${two.rowsPerSecond} rows/s (${two.each.map((e) => `${e.rowsPerSecond} rows/s, ${e.cpuSeconds} CPU-s`).join('; ')}), Postgres ${two.postgresCpuSeconds} CPU-s`,
  );
  say(`2 / 1 aggregators = ${(two.rowsPerSecond / one.rowsPerSecond).toFixed(2)}`);

  process.stdout.write(
    `${JSON.stringify({
      rows: ROWS,
      batch: BATCH,
      store,
      insertPath: insert,
      storeToInsertPath: Number((store.rowsPerSecond / insert.rowsPerSecond).toFixed(3)),
      plainCopy,
      batchedCopy,
      storeToPlainCopy: ratio,
      staging,
      aggregators: [one, two],
    })}\n`,
  );
} finally {
  // The stream, and what the aggregators' queue handles left under the prefix (the queue's meta key).
  for (let cursor = '0'; ; ) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  await redis.quit();
  await db.destroy();
  await dropDatabase(databaseUrl.toString());
}
