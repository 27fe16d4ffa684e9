import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueNames } from '@fleet/contracts';
import { createDatabase } from '@fleet/db';
import { freePort } from '@fleet/local-services';
import { createRedisConnection, createRunQueue } from '@fleet/queue';
import { submitSweep } from '@fleet/sweep';
import { Queue } from 'bullmq';
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

// Workers run with no strategy module on their path: every strategy here ships with its sweep.
const env: FleetTestEnv = fleetTestEnv('strategy-files', { FLEET_STRATEGY_MODULES: '' });
const db = createDatabase({ url: env.DATABASE_URL });
const processes: FleetProcess[] = [];
let worker: FleetProcess;
let dir: string;
let dashboardPort: number;

/** A strategy file outside the repository, long while the close is above its `period` average by a margin. */
const probe = (margin: number, name = 'probe') => `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';
import { scaled } from './lib/scaled.js';

registerStrategy(
  defineStrategy({
    name: '${name}',
    description: 'Long above the moving average by a margin.',
    params: z.strictObject({ period: z.number().int().min(2).max(500) }),
    paramDocs: { period: 'average length in bars; integer 2..500' },
    create: ({ period }, setup) => {
      const average = setup.sma(period);
      return {
        onBar(ctx) {
          const mean = average.at(0);
          if (Number.isNaN(mean)) return;
          const above = ctx.bars.close.at(0) > scaled(mean, ${margin});
          if (above && ctx.position === 0) ctx.buy();
          else if (!above && ctx.position > 0) ctx.close();
        },
      };
    },
  }),
);
`;
const lib = 'export const scaled = (value: number, by: number): number => value * by;\n';
/** Loads everywhere but on a worker, where it depends on something the worker lacks: it throws at load there. */
const picky = `${probe(1, 'picky')}
if (process.env.PICKY_REFUSES === '1') throw new Error('picky cannot start on this machine');
`;

async function sweepFile(name: string, file: string, periods: number[] = [20, 50]): Promise<string> {
  const path = join(dir, `${name}.json`);
  await writeFile(
    path,
    JSON.stringify({
      name: `${env.FLEET_QUEUE_PREFIX}-${name}`,
      symbols: ['ORCL'],
      start: '2000-01-01',
      end: '2014-12-31',
      strategies: [{ file, params: { period: periods } }],
    }),
  );
  return path;
}

interface Submitted {
  sweepId: string;
  total: number;
  cached: number;
  failed: number;
  status: string;
  strategyFiles: { file: string; bundle: string }[];
}
const submit = async (path: string, extra: Partial<FleetTestEnv> = {}) => {
  const r = await runCli(['sweep', 'submit', path, '--wait', '--json'], { ...env, ...extra } as FleetTestEnv);
  expect(r.code, `${r.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
  return lastJsonLine<Submitted>(r.stdout);
};
const runsOf = (sweepId: string) =>
  db
    .selectFrom('runs')
    .select(['run_index', 'strategy', 'strategy_bundle', 'final_equity', 'status', 'error_code', 'error_message'])
    .where('sweep_id', '=', sweepId)
    .orderBy('run_index')
    .execute();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}-`));
  env.FLEET_BUNDLE_DIR = join(dir, 'bundle-cache');
  await mkdir(join(dir, 'strategies', 'lib'), { recursive: true });
  await writeFile(join(dir, 'strategies', 'lib', 'scaled.ts'), lib);
  await writeFile(join(dir, 'strategies', 'probe.ts'), probe(1));
  const imported = await runCli(['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`, '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
  dashboardPort = await freePort();
  worker = startApp('worker', { ...env, PICKY_REFUSES: '1' });
  processes.push(startApp('aggregator', env), worker, startApp('dashboard', { ...env, PORT: String(dashboardPort) }));
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  const redis = new Redis(env.REDIS_URL);
  await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
  await redis.quit();
  await db.destroy();
});

describe('a strategy file ships with its sweep', () => {
  let first: Submitted;

  it('runs a sweep over a strategy file on workers that have no strategy module', async () => {
    first = await submit(await sweepFile('first', 'strategies/probe.ts'));
    expect([first.status, first.total, first.failed, first.cached]).toEqual(['completed', 2, 0, 0]);
    const [file] = first.strategyFiles;
    expect(file?.file).toBe('probe.ts');
    const runs = await runsOf(first.sweepId);
    expect(runs.map((r) => [r.strategy, r.strategy_bundle])).toEqual([
      ['probe', file?.bundle],
      ['probe', file?.bundle],
    ]);
    const stored = await db
      .selectFrom('strategy_bundles')
      .select(['bundle', 'file_name'])
      .where('hash', '=', file?.bundle as string)
      .executeTakeFirstOrThrow();
    expect(createHash('sha256').update(stored.bundle).digest('hex'), 'the row holds the bytes its hash names').toBe(
      file?.bundle,
    );
    expect(stored.bundle, 'the relative import is inlined').toContain('value * by');

    const label = `probe.ts@${file?.bundle.slice(0, 8)}`;
    const results = await runCli(['sweep', 'results', first.sweepId, '--json'], env);
    expect(lastJsonLine<{ runs: { strategyFile: string }[] }>(results.stdout).runs.map((r) => r.strategyFile)).toEqual([
      label,
      label,
    ]);
    const exported = await runCli(['sweep', 'export', first.sweepId], env);
    const [header, row] = exported.stdout.trim().split('\n');
    expect(header?.split(',').slice(-2)).toEqual(['strategy_file', 'strategy_bundle']);
    expect([row?.split(',')[1], ...(row?.split(',').slice(-2) ?? [])]).toEqual(['probe', label, file?.bundle]);
  });

  it('serves an unchanged file from the cache, and computes again once the file changed', async () => {
    const again = await submit(await sweepFile('again', 'strategies/probe.ts'));
    expect(again.cached, 'same bytes, same settings, same data: every run from the cache').toBe(2);
    expect(again.strategyFiles[0]?.bundle).toBe(first.strategyFiles[0]?.bundle);
    expect((await runsOf(again.sweepId)).map((r) => r.final_equity)).toEqual(
      (await runsOf(first.sweepId)).map((r) => r.final_equity),
    );

    await writeFile(join(dir, 'strategies', 'probe.ts'), probe(1.02));
    const edited = await submit(await sweepFile('edited', 'strategies/probe.ts'));
    expect(edited.strategyFiles[0]?.bundle).not.toBe(first.strategyFiles[0]?.bundle);
    expect([edited.status, edited.cached], 'an edited file is computed again, never served stale').toEqual([
      'completed',
      0,
    ]);
    expect((await runsOf(edited.sweepId))[0]?.final_equity).not.toBe((await runsOf(first.sweepId))[0]?.final_equity);

    const local = await runCli(
      [
        'backtest',
        '--symbol',
        'ORCL',
        '--from',
        '2000-01-01',
        '--to',
        '2014-12-31',
        '--strategy-file',
        join(dir, 'strategies', 'probe.ts'),
        '--param',
        'period=20',
        '--json',
      ],
      env,
    );
    expect(local.code, local.stderr).toBe(0);
    expect(
      lastJsonLine<{ finalEquity: string; strategyBundle: string }>(local.stdout),
      'a local run of the file runs the bytes the fleet ran',
    ).toMatchObject({
      finalEquity: (await runsOf(edited.sweepId))[0]?.final_equity,
      strategyBundle: edited.strategyFiles[0]?.bundle,
    });
    const replayed = await runCli(['backtest', '--from-run', `${first.sweepId}:1`, '--json'], env);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(lastJsonLine(replayed.stdout), 'the first version replays, though the file changed since').toMatchObject({
      strategyFile: 'probe.ts',
      strategyBundle: first.strategyFiles[0]?.bundle,
      finalEquity: (await runsOf(first.sweepId))[1]?.final_equity,
      reproduced: true,
    });
  });

  it('lists the strategies of stored files with their parameters, and shows a file by hash with its source', async () => {
    const listed = await runCli(['strategy', 'list', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const { strategies } = lastJsonLine<{
      strategies: { name: string; file?: string; bundle?: string; params: object }[];
    }>(listed.stdout);
    expect(strategies.map((s) => s.name)).toContain('sma_cross');
    expect(strategies.find((s) => s.bundle === first.strategyFiles[0]?.bundle)).toMatchObject({
      name: 'probe',
      file: 'probe.ts',
      params: { period: 'average length in bars; integer 2..500' },
    });
    const hash = first.strategyFiles[0]?.bundle ?? '';
    const shown = await runCli(['strategy', 'show', hash.slice(0, 10)], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`probe (probe.ts@${first.strategyFiles[0]?.bundle.slice(0, 8)})`);
    expect(shown.stdout, 'with its source').toContain('ctx.bars.close.at(0) > scaled(mean, 1)');
  });

  it("replays a file strategy's run on the dashboard to its stored final equity", async () => {
    const response = await fetch(`http://127.0.0.1:${dashboardPort}/api/sweeps/${first.sweepId}/runs/0/equity`);
    const body = (await response.json()) as { finalEquity: string; reproduced: boolean; equityCurve: unknown[] };
    expect(response.status, JSON.stringify(body)).toBe(200);
    const [stored] = await runsOf(first.sweepId);
    expect(body.finalEquity).toBe(stored?.final_equity);
    expect(body.reproduced).toBe(true);
    expect(body.equityCurve.length).toBeGreaterThan(0);
  });

  it('refuses a forbidden import at submit, writing nothing to Postgres or Redis', async () => {
    await writeFile(
      join(dir, 'strategies', 'leaky.ts'),
      `${probe(1, 'leaky')}import { readFileSync } from 'node:fs';\nreadFileSync('/etc/hostname');\n`,
    );
    const prefix = `${env.FLEET_QUEUE_PREFIX}-refused`;
    const bundlesBefore = await db
      .selectFrom('strategy_bundles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await runCli(['sweep', 'submit', await sweepFile('leaky', 'strategies/leaky.ts')], {
      ...env,
      FLEET_QUEUE_PREFIX: prefix,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(r.stderr).toMatch(/leaky\.ts: imports 'node:fs'/);
    const sweeps = await db
      .selectFrom('sweeps')
      .select('id')
      .where('name', '=', `${env.FLEET_QUEUE_PREFIX}-leaky`)
      .execute();
    expect(sweeps, 'no sweep row').toHaveLength(0);
    const bundlesAfter = await db
      .selectFrom('strategy_bundles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(bundlesAfter.n), 'no bundle row').toBe(Number(bundlesBefore.n));
    const redis = new Redis(env.REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    await redis.quit();
    expect(keys, 'no Redis key').toEqual([]);
  });

  it('fails the runs of a bundle that throws while loading on a worker, with the reason, without retrying or harming the worker', async () => {
    await writeFile(join(dir, 'strategies', 'picky.ts'), picky);
    const refused = await submit(await sweepFile('picky', 'strategies/picky.ts'));
    expect([refused.status, refused.failed]).toEqual(['completed_with_failures', 2]);
    for (const run of await runsOf(refused.sweepId)) {
      expect(run.error_code).toBe('STRATEGY_LOAD_FAILED');
      expect(run.error_message).toContain('picky cannot start on this machine');
    }
    const connection = createRedisConnection({ url: env.REDIS_URL }, 'command');
    const queue = new Queue(QueueNames.runs, { connection, prefix: env.FLEET_QUEUE_PREFIX });
    const failedJobs = (await queue.getFailed()).filter((j) => j.data.sweepId === refused.sweepId);
    expect(failedJobs.length).toBeGreaterThan(0);
    expect(
      failedJobs.map((j) => j.attemptsMade),
      'a load failure is final at once',
    ).toEqual(failedJobs.map(() => 1));
    await queue.close();
    await connection.quit();
    expect(worker.child.exitCode, 'the worker process lives on').toBeNull();
    const after = await submit(await sweepFile('after-picky', 'strategies/probe.ts', [30]));
    expect([after.status, after.failed]).toEqual(['completed', 0]);
  });

  it('refuses to run a job whose bundle bytes do not hash to the id it names', async () => {
    const genuine = `${probe(1.05, 'forged')}// genuine\n`;
    const hash = createHash('sha256').update(genuine).digest('hex');
    await db
      .insertInto('strategy_bundles')
      .values({ hash, file_name: 'forged.ts', source: '', bundle: `${genuine}globalThis.tampered = true;\n` })
      .execute();
    const connection = createRedisConnection({ url: env.REDIS_URL }, 'command');
    const submitted = await submitSweep({
      db,
      queue: createRunQueue(connection, env.FLEET_QUEUE_PREFIX),
      runsPerJob: 2,
      spec: {
        name: `${env.FLEET_QUEUE_PREFIX}-forged`,
        symbols: ['ORCL'],
        interval: '1d',
        start: '2000-01-01',
        end: '2014-12-31',
        strategies: [
          {
            name: 'forged',
            file: 'forged.ts',
            bundle: hash,
            params: { period: [20, 50] },
            where: [],
            search: { type: 'grid' },
          },
        ],
      },
    });
    await connection.quit();
    const watched = await runCli(['sweep', 'watch', submitted.sweepId, '--json'], env);
    expect(watched.code, watched.stderr).toBe(0);
    const runs = await runsOf(submitted.sweepId);
    expect(runs.map((r) => r.error_code)).toEqual(['BUNDLE_HASH_MISMATCH', 'BUNDLE_HASH_MISMATCH']);
    expect(runs.every((r) => r.final_equity === null)).toBe(true);
    expect(worker.output()).not.toContain('tampered');
  });
});
