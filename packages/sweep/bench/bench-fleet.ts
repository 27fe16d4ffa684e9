import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { QueueNames, RESULTS_GROUP, SweepSpec } from '@fleet/contracts';
import { createDatabase, createDatabaseIfMissing, dropDatabase } from '@fleet/db';
import { ENGINE_VERSION } from '@fleet/engine';
import { SweepPlan } from '@fleet/planning';
import { countQueueWorkers, createRedisConnection, resultsStreamKey } from '@fleet/queue';
import { BarCache, createSeriesLoader, EnginePool, type VersionedSeries } from '@fleet/runner';
import { sql } from 'kysely';
import { processCpuSeconds } from './process-cpu.js';

/**
 * `pnpm bench:fleet [--runs N] [--json] [--profile DIR]`: the same daily SMA sweep over four symbols, first in one process on the
 * engine's thread pool (no queue, no database: the engine's own speed on all cores), then through the whole fleet
 * (aggregator, two workers, the CLI's submit with `--no-cache`, Redis and Postgres), in one run on one machine. It
 * prints runs/s of each, their ratio, and the CPU-seconds per run of each process class read from /proc, so the
 * fleet's overhead is attributed rather than guessed. Its database and key prefix are its own and removed after.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
    // V8 CPU profiles of the workers and the aggregator (one .cpuprofile per process and thread) land in this folder.
    profile: { type: 'string' },
  },
});
const targetRuns = Number(values.runs);
if (!Number.isInteger(targetRuns) || targetRuns < 100) throw new Error('--runs must be a whole number of at least 100');
const json = values.json;
const say = (line: string) => !json && process.stdout.write(`${line}\n`);

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const id = randomBytes(4).toString('hex');
const databaseUrl = new URL(ADMIN_URL);
databaseUrl.pathname = `/fleet_bench_${id}`;
const prefix = `fleet-bench-fleet-${id}`;
const symbols = ['ORCL', 'NVDA', 'YHOO', 'GOOG'];
const files = ['orcl-1995-2014', 'nvda-1999-2014', 'yhoo-1996-2014', 'goog-2004-2013'];
const fastValues = 50;
const slowValues = Math.max(1, Math.round(targetRuns / symbols.length / fastValues));
const spec = SweepSpec.parse({
  name: 'bench-fleet',
  symbols,
  start: '2005-01-01',
  end: '2012-12-31',
  strategies: [
    {
      name: 'sma_cross',
      params: { fast: { from: 2, to: 1 + fastValues, step: 1 }, slow: { from: 60, to: 59 + slowValues, step: 1 } },
    },
  ],
});
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL,
  FLEET_QUEUE_PREFIX: prefix,
  WORKER_CONCURRENCY: '1',
  LOG_LEVEL: 'warn',
  METRICS_PORT: '0',
};

function start(app: string, args: readonly string[] = []): ChildProcess {
  const main = join(root, 'apps', app, 'dist', 'main.js');
  const profile = values.profile && app !== 'producer' ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  return spawn(process.execPath, ['--max-old-space-size=256', ...profile, main, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function finish(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    if (!json) process.stderr.write(d);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${child.spawnargs.slice(2).join(' ')} exited with ${code}`);
  return out;
}

async function until(ready: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`the fleet was not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function cli(args: readonly string[]): Promise<string> {
  return finish(start('producer', args));
}

const ownChildrenCpu = () => processCpuSeconds(process.pid, { children: true }) ?? 0;
const ownCpu = () => processCpuSeconds(process.pid) ?? 0;

await createDatabaseIfMissing(databaseUrl.toString());
const db = createDatabase({ url: databaseUrl.toString() });
const redis = createRedisConnection(REDIS_URL, 'command');
const redisCpu = async () => {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
};
const processes: ChildProcess[] = [];
try {
  await cli(['db', 'migrate']);
  await cli(['data', 'import', ...files.map((f) => join(root, 'data', 'samples', `${f}.csv`))]);
  const totalRuns = new SweepPlan(spec, randomUUID(), { runsPerJob: 1 }).totalRuns;
  say(
    `${totalRuns} runs: sma_cross ${fastValues} × ${slowValues} over ${symbols.join(', ')}, ${spec.start} .. ${spec.end}`,
  );

  // (a) In process: the plan's jobs straight onto the engine's thread pool, bars loaded before the clock starts.
  const threads = availableParallelism();
  const loader = createSeriesLoader(db, new BarCache(256 * 1024 * 1024));
  const from = Date.parse(`${spec.start}T00:00:00Z`);
  const to = Date.parse(`${spec.end}T23:59:59.999Z`);
  const series = new Map<string, VersionedSeries>();
  for (const symbol of symbols) series.set(symbol, await loader(symbol, spec.interval, from, to));
  const pool = new EnginePool({ size: threads });
  const plan = new SweepPlan(spec, randomUUID(), { runsPerJob: 100 });
  const inCpuStart = ownCpu();
  const inStart = performance.now();
  const jobs = plan.jobs()[Symbol.iterator]();
  let inRuns = 0;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      for (let next = jobs.next(); !next.done; next = jobs.next()) {
        const job = next.value.data;
        const bars = series.get(job.symbol) as VersionedSeries;
        const outcomes = await pool.evaluate(job, bars, {
          runTimeoutMs: 60_000,
          isolateCrashes: true,
          provenance: { engineVersion: ENGINE_VERSION, codeVersion: 'bench', dataVersion: bars.dataVersion ?? '' },
        });
        inRuns += outcomes.filter((o) => o.status === 'succeeded').length;
      }
    }),
  );
  const inSeconds = (performance.now() - inStart) / 1000;
  const inCpu = ownCpu() - inCpuStart;
  await pool.close();
  if (inRuns !== totalRuns) throw new Error(`in process: ${inRuns} of ${totalRuns} runs succeeded`);
  const inProcess = {
    runsPerSecond: Math.round(totalRuns / inSeconds),
    cpuMsPerRun: Number(((inCpu * 1000) / totalRuns).toFixed(4)),
  };
  say(
    `in process (${threads} engine threads): ${inProcess.runsPerSecond} runs/s, ${inProcess.cpuMsPerRun.toFixed(3)} CPU-ms/run`,
  );

  // (b) The fleet: an aggregator and two workers, then the CLI submits and waits.
  const aggregator = start('aggregator');
  const workers = [start('worker'), start('worker')];
  processes.push(aggregator, ...workers);
  for (const p of processes) finish(p).catch(() => undefined);
  // The clock starts once both workers take jobs and the aggregator reads the stream: a fleet's processes outlive any
  // one sweep, and on a loaded machine their start-up (seconds of module loading) would otherwise count as per-run cost.
  await until(async () => {
    const groups = (await redis.xinfo('GROUPS', resultsStreamKey(prefix)).catch(() => [])) as unknown[][];
    const consumers = Number(groups.find((g) => g[1] === RESULTS_GROUP)?.[3] ?? 0);
    return consumers >= 1 && (await countQueueWorkers(redis, prefix, QueueNames.runs)) >= workers.length;
  });
  const file = join(tmpdir(), `${prefix}.json`);
  await writeFile(file, JSON.stringify(spec));
  const baseline = {
    workers: workers.map((w) => processCpuSeconds(w.pid ?? 0) ?? 0),
    aggregator: processCpuSeconds(aggregator.pid ?? 0) ?? 0,
    children: ownChildrenCpu(),
    redis: await redisCpu(),
  };
  const backends = new Map<number, number>();
  const sampleBackends = async () => {
    const rows = await sql<{
      pid: number;
    }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
    for (const { pid } of rows.rows) {
      const cpu = processCpuSeconds(pid);
      if (cpu !== null) backends.set(pid, Math.max(backends.get(pid) ?? cpu, cpu));
    }
  };
  await sampleBackends();
  const backendBaseline = new Map(backends);
  const sampler = setInterval(() => void sampleBackends().catch(() => undefined), 250);
  const fleetStart = performance.now();
  const submitted = JSON.parse(
    (await cli(['sweep', 'submit', file, '--wait', '--no-cache', '--json'])).trim().split('\n').at(-1) ?? '{}',
  ) as { status?: string; succeeded?: number };
  const fleetSeconds = (performance.now() - fleetStart) / 1000;
  clearInterval(sampler);
  await sampleBackends();
  if (submitted.status !== 'completed' || submitted.succeeded !== totalRuns)
    throw new Error(`fleet sweep ended ${submitted.status} with ${submitted.succeeded} of ${totalRuns} runs`);
  let postgres = 0;
  for (const [pid, cpu] of backends) postgres += cpu - (backendBaseline.get(pid) ?? 0);
  const cpuSeconds = {
    workers: workers.reduce(
      (sum, w, i) => sum + ((processCpuSeconds(w.pid ?? 0) ?? 0) - (baseline.workers[i] ?? 0)),
      0,
    ),
    aggregator: (processCpuSeconds(aggregator.pid ?? 0) ?? 0) - baseline.aggregator,
    cli: ownChildrenCpu() - baseline.children,
    redis: (await redisCpu()) - baseline.redis,
    postgres,
  };
  const cpuMsPerRun = Object.fromEntries(
    Object.entries(cpuSeconds).map(([k, v]) => [k, Number(((v * 1000) / totalRuns).toFixed(4))]),
  ) as Record<keyof typeof cpuSeconds, number>;
  const fleetCpuMsPerRun = Object.values(cpuMsPerRun).reduce((a, b) => a + b, 0);
  // How planning sized the jobs decides how often the per-job costs are paid.
  const sizing = await db.selectFrom('sweeps').select(['jobs', 'runs_per_job']).executeTakeFirstOrThrow();
  const fleet = {
    jobs: sizing.jobs,
    runsPerJob: sizing.runs_per_job,
    runsPerSecond: Math.round(totalRuns / fleetSeconds),
    cpuMsPerRun,
    totalCpuMsPerRun: Number(fleetCpuMsPerRun.toFixed(4)),
  };
  const ratio = Number((fleet.runsPerSecond / inProcess.runsPerSecond).toFixed(3));
  const overhead = Number((fleetCpuMsPerRun / inProcess.cpuMsPerRun - 1).toFixed(3));
  say(
    `fleet (aggregator + 2 workers): ${fleet.runsPerSecond} runs/s in ${fleet.jobs} jobs of ${fleet.runsPerJob} runs`,
  );
  for (const [k, v] of Object.entries(cpuMsPerRun)) say(`  ${k.padEnd(10)} ${v.toFixed(4)} CPU-ms/run`);
  say(`fleet/in-process runs/s: ${ratio}×   CPU beyond the engine: ${(overhead * 100).toFixed(1)} % of the engine's`);
  console.log(
    JSON.stringify({ bench: 'fleet', runs: totalRuns, threads, inProcess, fleet, ratio, cpuOverhead: overhead }),
  );
} finally {
  for (const p of processes) p.kill('SIGTERM');
  await Promise.all(processes.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : undefined)));
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  await db.destroy();
  await dropDatabase(databaseUrl.toString());
}
