import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  MetricTable,
  QueueNames,
  RUN_JOB_NAME,
  type RunMetrics,
  type RunOutcome,
  StatisticNames,
  SweepSpec,
} from '@fleet/contracts';
import {
  createDatabase,
  createDatabaseIfMissing,
  createSweep,
  dropDatabase,
  findSweep,
  migrateToLatest,
} from '@fleet/db';
import { SweepPlan } from '@fleet/planning';
import { createRedisConnection, createRunQueue, publishOutcomes, resultsStreamKey, runJobId } from '@fleet/queue';
import { Worker } from 'bullmq';
import { sql } from 'kysely';
import { processCpuSeconds } from './process-cpu.js';

/**
 * `pnpm bench:capacity [--json]`: a bounded local load generator that finds, on this machine, the sustained ceilings
 * of one Redis and one Postgres under the fleet's own traffic. (1) Redis memory per queued run job (INFO memory before
 * and after N jobs). (2) The runs queue: BullMQ `addBulk` of real run jobs and a trivial in-process consumer that
 * completes them, at rising rates, until completions stop keeping up. (3) The results stream: XADD of real outcomes
 * and the real aggregator process storing them in Postgres, at rising rates, until stored rows stop keeping up. Every
 * step is a few seconds, the whole run stays within about two minutes, and its keys and database are removed after.
 */
const { values } = parseArgs({
  options: {
    aggregators: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const AGGREGATORS = Number(values.aggregators);
if (!Number.isInteger(AGGREGATORS) || AGGREGATORS < 1) throw new Error('--aggregators must be a positive whole number');
const json = values.json;
const say = (line: string) => !json && process.stdout.write(`${line}\n`);

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const id = randomBytes(4).toString('hex');
const databaseUrl = new URL(ADMIN_URL);
databaseUrl.pathname = `/fleet_bench_cap_${id}`;
const prefix = `fleet-bench-cap-${id}`;
/** Runs per job, as `fleet sweep submit` plans them by default; one results entry per job. */
const RUNS_PER_JOB = 25;
/** Each rate is held this long; a ceiling shows as a rate that is not kept up over a whole step. */
const STEP_MS = 3_000;
/** A step that reaches less than this share of its target rate marks the ceiling; rising stops there. */
const KEPT_UP = 0.9;
/** The whole run stops rising past this, whatever it found. */
const DEADLINE = Date.now() + 100_000;
const JOB_RATES = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000];
const ROW_RATES = [2_000, 4_000, 8_000, 16_000, 32_000, 64_000];
const MEMORY_JOBS = 20_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const metrics = Object.fromEntries(
  StatisticNames.map((m, i) => [m, MetricTable[m].type === 'integer' ? i : 0.1 * (i + 1)]),
) as RunMetrics;

/** A grid sweep big enough for every step, its plan and its jobs in order. */
function bigPlan(runs: number) {
  const slow = Math.ceil(runs / 1000);
  const spec = SweepSpec.parse({
    name: 'bench-capacity',
    symbols: ['ORCL'],
    start: '2005-01-01',
    end: '2012-12-31',
    strategies: [
      {
        name: 'sma_cross',
        params: { fast: { from: 1, to: 1000, step: 1 }, slow: { from: 2001, to: 2000 + slow, step: 1 } },
      },
    ],
  });
  const plan = new SweepPlan(spec, randomUUID(), { runsPerJob: RUNS_PER_JOB });
  return { spec, plan, jobs: plan.jobs()[Symbol.iterator]() };
}

type Planned = ReturnType<typeof bigPlan>;
type Bulk = Parameters<ReturnType<typeof createRunQueue>['addBulk']>[0];
type PlannedJob = ReturnType<SweepPlan['jobs']> extends Iterable<infer J> ? J : never;

/** The next `n` jobs of a plan (fewer at its end). */
function take(planned: Planned, n: number): PlannedJob[] {
  const taken: PlannedJob[] = [];
  for (let next = planned.jobs.next(); taken.length < n && !next.done; next = planned.jobs.next())
    taken.push(next.value);
  return taken;
}

/** Jobs as `fleet sweep submit` enqueues them: the run job name and the job's deterministic id. */
const bulkOf = (planned: Planned, jobs: readonly PlannedJob[]): Bulk =>
  jobs.map((j) => ({ name: RUN_JOB_NAME, data: j.data, opts: { jobId: runJobId(planned.plan.sweepId, j.jobIndex) } }));

interface Step {
  target: number;
  achieved: number;
  keptUp: boolean;
}

/**
 * Drives `send(n)` at `rate` items/s for one step in ticks of 50 ms, and reports the rate `done()` moved by over it;
 * the step ends when its time is up, even if sending fell behind.
 */
async function step(rate: number, send: (n: number) => Promise<void>, done: () => Promise<number>): Promise<Step> {
  const tickMs = 50;
  const before = await done();
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < STEP_MS) {
    const due = Math.floor((rate * (performance.now() - started)) / 1000) - sent;
    if (due > 0) {
      await send(due);
      sent += due;
    }
    await sleep(tickMs);
  }
  const seconds = (performance.now() - started) / 1000;
  const achieved = Math.round(((await done()) - before) / seconds);
  return { target: rate, achieved, keptUp: achieved >= KEPT_UP * rate };
}

/** Rises through `rates` until a step is not kept up (or the deadline passes); the ceiling is the best achieved. */
async function rise(
  what: string,
  rates: readonly number[],
  run: (rate: number) => Promise<Step>,
  settle: () => Promise<void>,
): Promise<{ steps: Step[]; ceiling: number }> {
  const steps: Step[] = [];
  for (const rate of rates) {
    if (Date.now() > DEADLINE) break;
    const s = await run(rate);
    steps.push(s);
    say(`  ${what} at ${rate}/s: ${s.achieved}/s${s.keptUp ? '' : ' (not kept up: the ceiling)'}`);
    await settle();
    if (!s.keptUp) break;
  }
  return { steps, ceiling: Math.max(0, ...steps.map((s) => s.achieved)) };
}

/** CPU-seconds of the bench database's Postgres backends so far (the aggregators' connections among them). */
async function postgresCpu(): Promise<number> {
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  return rows.reduce((sum, r) => sum + (processCpuSeconds(r.pid) ?? 0), 0);
}

const redis = createRedisConnection(REDIS_URL, 'blocking');
const usedMemory = async () => Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1] ?? 0);
const redisCpu = async () => {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
};
await createDatabaseIfMissing(databaseUrl.toString());
const db = createDatabase({ url: databaseUrl.toString(), poolMax: 2, applicationName: 'fleet-bench-capacity' });
const queue = createRunQueue(redis, prefix);
const aggregators: ChildProcess[] = [];
try {
  await migrateToLatest(db);
  say('the machine is shared: the ceilings are of this run, with everything else running on the same cores');

  // (1) Memory per queued job: real run jobs of the default size, waiting.
  const memory = bigPlan(MEMORY_JOBS * RUNS_PER_JOB);
  const memoryBefore = await usedMemory();
  for (let added = 0; added < MEMORY_JOBS; added += 500) await queue.addBulk(bulkOf(memory, take(memory, 500)));
  const bytesPerJob = Math.round((await usedMemory()) - memoryBefore) / MEMORY_JOBS;
  say(`Redis memory per queued job (${RUNS_PER_JOB} runs): ${Math.round(bytesPerJob)} bytes over ${MEMORY_JOBS} jobs`);
  await queue.obliterate({ force: true });

  // (2) The runs queue: jobs in with addBulk, out through a worker that completes each at once.
  const jobsPlan = bigPlan(2_000_000 * RUNS_PER_JOB);
  let completed = 0;
  const workerRedis = createRedisConnection(REDIS_URL, 'blocking');
  const worker = new Worker(QueueNames.runs, async () => undefined, {
    connection: workerRedis,
    prefix,
    concurrency: 200,
  });
  worker.on('completed', () => {
    completed += 1;
  });
  const queueCpuStart = { redis: await redisCpu(), own: process.cpuUsage() };
  const jobs = await rise(
    'runs queue',
    JOB_RATES,
    (rate) =>
      step(
        rate,
        async (n) => {
          const bulk = bulkOf(jobsPlan, take(jobsPlan, n));
          for (let i = 0; i < bulk.length; i += 500) await queue.addBulk(bulk.slice(i, i + 500));
        },
        async () => completed,
      ),
    async () => {
      // The next step starts from an empty queue, so a backlog never counts towards it.
      const until = Date.now() + 5_000;
      while ((await queue.getWaitingCount()) > 0 && Date.now() < until) await sleep(100);
    },
  );
  const queueOwn = process.cpuUsage(queueCpuStart.own);
  const queueRedisCpu = (await redisCpu()) - queueCpuStart.redis;
  await worker.close();
  await workerRedis.quit();
  await queue.obliterate({ force: true });
  say(
    `runs queue ceiling: ${jobs.ceiling} jobs/s (${jobs.ceiling * RUNS_PER_JOB} runs/s at ${RUNS_PER_JOB} runs a job); Redis ${(
      (queueRedisCpu * 1e6) / Math.max(1, completed)
    ).toFixed(0)} CPU-µs per job in and out, so one Redis core alone would carry ${Math.round(
      completed / Math.max(1e-9, queueRedisCpu),
    )} jobs/s`,
  );

  // (3) The results stream into Postgres through the real aggregator.
  const rowsPlan = bigPlan(ROW_RATES.reduce((n, r) => n + (r * STEP_MS) / 1000, 0) * 1.2);
  await createSweep(db, {
    id: rowsPlan.plan.sweepId,
    idempotencyKey: null,
    name: rowsPlan.spec.name,
    spec: rowsPlan.spec,
    total: rowsPlan.plan.totalRuns,
    jobs: rowsPlan.plan.totalJobs,
    runsPerJob: RUNS_PER_JOB,
  });
  const ready: Promise<void>[] = [];
  for (let i = 0; i < AGGREGATORS; i++) {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=256', join(root, 'apps', 'aggregator', 'dist', 'main.js')],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl.toString(),
          REDIS_URL,
          FLEET_QUEUE_PREFIX: prefix,
          AGGREGATOR_NAME: `bench-capacity-${i}`,
          LOG_LEVEL: 'info',
          METRICS_PORT: '0',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    aggregators.push(child);
    ready.push(
      new Promise((resolve, reject) => {
        child.stderr?.on('data', (d: Buffer) => d.toString().includes('aggregator ready') && resolve());
        child.on('exit', (code) => reject(new Error(`aggregator exited with ${code}`)));
      }),
    );
  }
  await Promise.all(ready);
  const stored = async () => Number((await findSweep(db, rowsPlan.plan.sweepId))?.succeeded ?? 0);
  let published = 0;
  const aggregatorCpuStart = aggregators.map((a) => processCpuSeconds(a.pid ?? 0) ?? 0);
  // Backends live as long as their pools, so their CPU is sampled at the end of every step too.
  const backendCpuStart = await postgresCpu();
  const streamRedisCpuStart = await redisCpu();
  const rows = await rise(
    'results into Postgres',
    ROW_RATES,
    (rate) =>
      step(
        rate,
        async (n) => {
          const entries = take(rowsPlan, Math.ceil(n / RUNS_PER_JOB)).map((j) =>
            j.data.runs.map(
              (r): RunOutcome => ({
                sweepId: rowsPlan.plan.sweepId,
                runIndex: r.index,
                strategy: j.data.strategy,
                symbol: j.data.symbol,
                params: r.params,
                durationMs: 1.25,
                engineVersion: '1',
                codeVersion: 'bench',
                status: 'succeeded' as const,
                dataVersion: '0123456789abcdef',
                finalEquity: (100_000 + r.index / 100).toFixed(2),
                closedTrades: 40,
                winningTrades: 17,
                metrics,
              }),
            ),
          );
          await Promise.all(entries.map((e) => publishOutcomes(redis, prefix, e)));
          published += entries.reduce((k, e) => k + e.length, 0);
        },
        stored,
      ),
    async () => {
      const until = Date.now() + 10_000;
      while ((await stored()) < published && Date.now() < until) await sleep(100);
    },
  );
  const aggregatorCpu = aggregators.reduce(
    (sum, a, i) => sum + ((processCpuSeconds(a.pid ?? 0) ?? 0) - (aggregatorCpuStart[i] ?? 0)),
    0,
  );
  const storedRows = await stored();
  const backendCpu = (await postgresCpu()) - backendCpuStart;
  const streamRedisCpu = (await redisCpu()) - streamRedisCpuStart;
  say(
    `results ceiling with ${AGGREGATORS} aggregator(s): ${rows.ceiling} rows/s; aggregators ${((aggregatorCpu * 1e6) / Math.max(1, storedRows)).toFixed(0)} CPU-µs per row, Postgres ${((backendCpu * 1e6) / Math.max(1, storedRows)).toFixed(0)} CPU-µs per row, Redis ${((streamRedisCpu * 1e6) / Math.max(1, storedRows)).toFixed(1)} CPU-µs per row`,
  );

  process.stdout.write(
    `${JSON.stringify({
      runsPerJob: RUNS_PER_JOB,
      redisBytesPerQueuedJob: Math.round(bytesPerJob),
      runsQueue: {
        ...jobs,
        redisCpuMicrosPerJob: Math.round((queueRedisCpu * 1e6) / Math.max(1, completed)),
        benchCpuSeconds: Number(((queueOwn.user + queueOwn.system) / 1e6).toFixed(2)),
      },
      results: {
        aggregators: AGGREGATORS,
        ...rows,
        aggregatorCpuMicrosPerRow: Math.round((aggregatorCpu * 1e6) / Math.max(1, storedRows)),
        postgresCpuMicrosPerRow: Math.round((backendCpu * 1e6) / Math.max(1, storedRows)),
        redisCpuMicrosPerRow: Number(((streamRedisCpu * 1e6) / Math.max(1, storedRows)).toFixed(1)),
      },
    })}\n`,
  );
} finally {
  for (const a of aggregators) a.kill('SIGTERM');
  await Promise.all(aggregators.map((a) => new Promise((r) => (a.exitCode !== null ? r(0) : a.on('exit', r)))));
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await redis.del(resultsStreamKey(prefix));
  // Whatever else the queue's workers left under the prefix (worker registrations, metrics).
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
