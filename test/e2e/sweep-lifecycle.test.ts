import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, storeRunOutcomes } from '@fleet/db';
import { createRunQueue } from '@fleet/queue';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FleetProcess,
  type FleetTestEnv,
  fleetTestEnv,
  lastJsonLine,
  repoRoot,
  runCli,
  startApp,
} from '../support/fleet-processes.js';
import { deleteKeysWithPrefix } from '../support/services.js';

const env: FleetTestEnv = fleetTestEnv('life');
const db = createDatabase({ url: env.DATABASE_URL });
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
// Created on first use: a BullMQ Queue writes its meta key, and the refusal tests expect Redis untouched.
let queueInstance: ReturnType<typeof createRunQueue> | undefined;
const queue = () => (queueInstance ??= createRunQueue(redis, env.FLEET_QUEUE_PREFIX));
const processes: FleetProcess[] = [];

const base = {
  // Unique per run: the run's database is shared by every test file, so "nothing written" counts this file's sweeps.
  name: `lifecycle-${env.FLEET_QUEUE_PREFIX}`,
  symbols: ['ORCL'],
  start: '2005-01-01',
  end: '2012-12-31',
  strategies: [{ name: 'sma_cross', params: { fast: { from: 2, to: 40, step: 2 }, slow: [50, 100, 150] } }],
};
let files = 0;
async function sweepFile(content: unknown, ext = 'json'): Promise<string> {
  const path = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-${files++}.${ext}`);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const keysUnderPrefix = async () => (await redis.keys(`${env.FLEET_QUEUE_PREFIX}*`)).length;
const sweepRows = async () =>
  Number(
    (
      await db
        .selectFrom('sweeps')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('name', '=', base.name)
        .executeTakeFirstOrThrow()
    ).n,
  );
const submit = async (file: string, ...flags: string[]) => {
  const r = await runCli(['sweep', 'submit', file, '--json', ...flags], env);
  expect(r.code, r.stderr).toBe(0);
  return lastJsonLine<{
    sweepId: string;
    total: number;
    jobs: number;
    created: boolean;
    enqueuedNow: number;
    runsPerJob: number;
  }>(r.stdout);
};

beforeAll(async () => {
  const imported = await runCli(['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`, '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await queueInstance?.close();
  await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
  await redis.quit();
  await db.destroy();
});

describe('a sweep file that cannot run is refused before anything is written', () => {
  it.each([
    [
      'an unknown strategy',
      { ...base, strategies: [{ name: 'sma_crosss' }] },
      "strategies[0].name: unknown strategy 'sma_crosss'; valid: sma_cross",
    ],
    [
      'a zero step',
      { ...base, strategies: [{ name: 'sma_cross', params: { fast: { from: 1, to: 5, step: 0 } } }] },
      'strategies[0].params.fast.step: must be > 0',
    ],
    ['an unknown key', { ...base, colour: 'red' }, "unknown key 'colour'"],
    [
      'an unknown parameter',
      { ...base, strategies: [{ name: 'sma_cross', params: { fsat: 5 } }] },
      'strategies[0].params.fsat: unknown parameter of sma_cross; valid: fast, slow',
    ],
    [
      'invalid combinations',
      { ...base, strategies: [{ name: 'sma_cross', params: { fast: [10, 60], slow: [50] } }] },
      '1 combination is invalid for sma_cross',
    ],
    ['missing symbols', { ...base, symbols: ['ORCL', 'NOPE', 'ZZZ'] }, 'symbols: no 1d bars for NOPE, ZZZ'],
    ['end before start', { ...base, start: '2012-01-01', end: '2011-01-01' }, 'end: end must not be before start'],
    [
      'a range outside the data',
      { ...base, start: '2020-01-01', end: '2021-01-01' },
      'is outside the 1d data of ORCL (1995-01-03..2014-12-31)',
    ],
    [
      'a broken where',
      { ...base, strategies: [{ name: 'sma_cross', params: { fast: [5], slow: [50] }, where: 'fast <' }] },
      'strategies[0].where[0]: unexpected end of expression',
    ],
  ])('refuses %s, says where, and leaves zero keys and zero rows', async (_case, content, message) => {
    const r = await runCli(['sweep', 'submit', await sweepFile(content)], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(await keysUnderPrefix(), 'nothing in Redis').toBe(0);
    expect(await sweepRows(), 'nothing in Postgres').toBe(0);
  });

  it('refuses a sweep over --max-runs with its exact count', async () => {
    const r = await runCli(['sweep', 'submit', await sweepFile(base), '--max-runs', '50'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the sweep has 60 runs, over the limit of 50');
    expect(await keysUnderPrefix()).toBe(0);
  });

  it('estimates a dry run from a local calibration and writes nothing', async () => {
    const r = await runCli(['sweep', 'submit', await sweepFile(base), '--dry-run', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const estimate = lastJsonLine<{
      runs: number;
      jobs: number;
      runsPerJob: number;
      msPerRun: number;
      etaSeconds: number;
    }>(r.stdout);
    expect(estimate).toMatchObject({ runs: 60 });
    expect(estimate.jobs).toBe(Math.ceil(60 / estimate.runsPerJob));
    expect(estimate.msPerRun).toBeGreaterThan(0);
    expect(await sweepRows()).toBe(0);
    expect(await keysUnderPrefix(), 'a dry run leaves Redis untouched').toBe(0);
  });
});

describe('the sweep lifecycle from the CLI, against real Redis and Postgres', () => {
  it('--id makes a submit idempotent: the same key resumes and never enqueues a job twice', async () => {
    const file = await sweepFile(base);
    const first = await submit(file, '--id', 'nightly-1', '--runs-per-job', '7');
    const again = await submit(file, '--id', 'nightly-1');
    expect(again).toMatchObject({ sweepId: first.sweepId, created: false, enqueuedNow: 0, total: 60 });
    expect(await queue().getJobCountByTypes('waiting'), 'exactly the planned jobs are waiting').toBe(first.jobs);

    const changed = await runCli(
      ['sweep', 'submit', await sweepFile({ ...base, name: 'other' }), '--id', 'nightly-1'],
      env,
    );
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`already names sweep ${first.sweepId} with a different spec`);

    const cancelled = await runCli(['sweep', 'cancel', first.sweepId, '--json'], env);
    expect(lastJsonLine(cancelled.stdout)).toMatchObject({ status: 'cancelled', removedJobs: first.jobs });
    expect(await queue().getJobCountByTypes('waiting'), 'cancel removed the waiting jobs').toBe(0);
  });

  it('a cancelled sweep refuses retry-failed, reconciles truthfully, and resumes only on purpose', {
    timeout: 240_000,
  }, async () => {
    const { sweepId, jobs } = await submit(await sweepFile({ ...base, name: 'cancel-resume' }), '--runs-per-job', '7');
    const cancelled = await runCli(['sweep', 'cancel', sweepId, '--json'], env);
    expect(lastJsonLine(cancelled.stdout)).toMatchObject({ status: 'cancelled', removedJobs: jobs });

    const retried = await runCli(['sweep', 'retry-failed', sweepId], env);
    expect(retried.code, 'retry-failed would revive a cancelled sweep').toBe(1);
    expect(retried.stderr).toBe(
      `error: sweep ${sweepId} is cancelled: retrying its failed runs would revive it; run \`fleet sweep resume ${sweepId}\` first\n`,
    );
    const reconciled = await runCli(['sweep', 'reconcile', sweepId], env);
    expect(reconciled.stdout, 'what is true of a cancelled sweep').toContain(
      `is cancelled: 60 runs without a row, 0 still queued or running; nothing requeued`,
    );
    const resumed = await runCli(['sweep', 'resume', sweepId, '--json'], env);
    expect(lastJsonLine(resumed.stdout)).toMatchObject({ status: 'running', missing: 60, requeuedRuns: 60 });
    expect(await queue().getJobCountByTypes('waiting'), 'every run is queued again').toBe(jobs);
    expect((await runCli(['sweep', 'cancel', sweepId], env)).code).toBe(0);
  });

  it('reconcile re-enqueues exactly the runs whose jobs Redis lost, and the sweep still ends with one row per run', async () => {
    const { sweepId, jobs } = await submit(await sweepFile({ ...base, name: 'reconcile' }), '--runs-per-job', '10');
    const lost = [`${sweepId}.1`, `${sweepId}.4`];
    for (const id of lost) expect(await queue().remove(id)).toBe(1);
    const r = await runCli(['sweep', 'reconcile', sweepId, '--json'], env);
    expect(lastJsonLine(r.stdout)).toMatchObject({ missing: 60, covered: 60 - 20, requeuedRuns: 20, requeuedJobs: 2 });
    expect(await queue().getJobCountByTypes('waiting')).toBe(jobs);

    processes.push(startApp('aggregator', env), startApp('worker', env));
    const watched = await runCli(['sweep', 'watch', sweepId, '--json'], env);
    expect(lastJsonLine(watched.stdout)).toMatchObject({ status: 'completed', succeeded: 60, failed: 0 });
    const again = await runCli(['sweep', 'reconcile', sweepId, '--json'], env);
    expect(lastJsonLine(again.stdout), 'a finished sweep needs nothing').toMatchObject({ missing: 0, requeuedRuns: 0 });
  });

  it('results filter on metrics and parameters; export streams every run with parameters as columns', async () => {
    const { sweepId } = await submit(await sweepFile({ ...base, name: 'results' }), '--wait');
    const filtered = await runCli(
      ['sweep', 'results', sweepId, '--top', '100', '--where', 'fast <= 10 and closedTrades > 0', '--json'],
      env,
    );
    const runs = lastJsonLine<{ runs: { params: { fast: number }; closedTrades: number }[] }>(filtered.stdout).runs;
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.params.fast <= 10 && r.closedTrades > 0)).toBe(true);

    const csv = await runCli(['sweep', 'export', sweepId, '--format', 'csv'], env);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^run_index,strategy,symbol,status,fast,slow,final_equity,/);
    expect(lines).toHaveLength(61);
    expect(lines[1]).toMatch(/^0,sma_cross,ORCL,succeeded,2,50,\d/);
    const jsonl = await runCli(['sweep', 'export', sweepId, '--format', 'jsonl'], env);
    expect(
      jsonl.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).runIndex),
    ).toEqual([...Array(60).keys()]);
  });

  it('retry-failed runs failed runs again', async () => {
    const { sweepId } = await submit(await sweepFile({ ...base, name: 'retry' }), '--wait', '--runs-per-job', '10');
    // Turn two stored results into failures, as a crash in the engine would have recorded them.
    await db
      .updateTable('runs')
      .set({ status: 'failed', final_equity: null, error_name: 'Crash', error_code: 'X', error_message: 'boom' })
      .where('sweep_id', '=', sweepId)
      .where('run_index', 'in', [3, 7])
      .execute();
    await db
      .updateTable('sweeps')
      .set({ succeeded: 58, failed: 2, status: 'completed_with_failures' })
      .where('id', '=', sweepId)
      .execute();
    const retried = await runCli(['sweep', 'retry-failed', sweepId, '--json'], env);
    expect(lastJsonLine(retried.stdout)).toMatchObject({ retriedRuns: 2, jobs: 1 });
    const watched = await runCli(['sweep', 'watch', sweepId, '--json'], env);
    expect(lastJsonLine(watched.stdout)).toMatchObject({ status: 'completed', succeeded: 60, failed: 0 });
  });

  it('reuses stored results of identical runs on a resubmitted sweep, and --no-cache computes them again', async () => {
    // A date range no other test uses, so the first submit finds nothing to reuse.
    const file = await sweepFile({ ...base, name: 'cache', end: '2012-06-29' });
    const first = await submit(file, '--wait');
    const again = await submit(file, '--wait');
    const fresh = await submit(file, '--wait', '--no-cache');
    const rows = async (sweepId: string) =>
      db
        .selectFrom('runs')
        .select(['run_index', 'cached', 'final_equity', 'sharpe', 'closed_trades'])
        .where('sweep_id', '=', sweepId)
        .orderBy('run_index')
        .execute();
    const [a, b, c] = await Promise.all([rows(first.sweepId), rows(again.sweepId), rows(fresh.sweepId)]);
    expect(a.every((r) => !r.cached)).toBe(true);
    expect(
      b.every((r) => r.cached),
      'every run of the identical sweep came from the cache',
    ).toBe(true);
    expect(
      c.every((r) => !r.cached),
      '--no-cache computed every run',
    ).toBe(true);
    const results = (rs: typeof a) => rs.map(({ cached: _, ...r }) => r);
    expect(results(b), 'cached results are the stored ones').toEqual(results(a));
    expect(results(c), 'and equal to computing them again').toEqual(results(a));
  });

  it('exports a 100,000-run sweep in bounded memory', async () => {
    const { sweepId } = await submit(
      await sweepFile({ ...base, name: 'big', strategies: [{ name: 'buy_and_hold' }] }),
      '--wait',
    );
    const big = {
      ...base,
      name: 'big-export',
      strategies: [
        {
          name: 'sma_cross',
          params: { fast: { from: 1, to: 1000, step: 1 }, slow: { from: 1001, to: 1100, step: 1 } },
        },
      ],
    };
    await db
      .updateTable('sweeps')
      .set({ spec: JSON.stringify(big), total: 100_000 })
      .where('id', '=', sweepId)
      .execute();
    await db.deleteFrom('runs').where('sweep_id', '=', sweepId).execute();
    for (let start = 0; start < 100_000; start += 5_000) {
      await storeRunOutcomes(
        db,
        Array.from({ length: 5_000 }, (_, i) => ({
          sweepId,
          runIndex: start + i,
          strategy: 'sma_cross',
          symbol: 'ORCL',
          params: { fast: 1 + ((start + i) % 1000), slow: 1001 + Math.floor((start + i) / 1000) },
          durationMs: 1,
          engineVersion: '1.0.0',
          codeVersion: 'test',
          status: 'failed' as const,
          error: { name: 'E', code: 'C', message: 'synthetic' },
        })),
      );
    }
    const out = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-export.csv`);
    // A 64 MB heap cannot hold 100,000 rows at once, so this only passes if the export streams.
    const r = await runCli(['sweep', 'export', sweepId, '--format', 'csv', '--out', out], {
      ...env,
      NODE_OPTIONS: '--max-old-space-size=64',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/exported 100000 runs/);
  });
});
