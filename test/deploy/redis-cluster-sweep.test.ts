import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { countRuns, createDatabase } from '@fleet/db';
import { freePort } from '@fleet/local-services';
import { countQueueWorkers, createRedisConnection, redisNodes } from '@fleet/queue';
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

const run = promisify(execFile);
const servers: ChildProcess[] = [];
const processes: FleetProcess[] = [];
let dir = '';
let ports: number[] = [];
let env: FleetTestEnv;

async function waitForPing(port: number): Promise<void> {
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null });
  probe.on('error', () => undefined);
  for (let i = 0; i < 100 && (await probe.ping().catch(() => 'down')) !== 'PONG'; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await probe.quit();
}

/**
 * Three masters on free ports, joined by `redis-cli --cluster create` as an operator would, so the 16384 slots are
 * split over three servers and a key in the wrong slot really lives on another process.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleet-cluster3-'));
  ports = [await freePort(), await freePort(), await freePort()];
  for (const port of ports) {
    const nodeDir = join(dir, String(port));
    await run('mkdir', ['-p', nodeDir]);
    servers.push(
      spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--dir', nodeDir, '--save', '', '--appendonly', 'no'],
          ...['--cluster-enabled', 'yes', '--cluster-config-file', join(nodeDir, 'nodes.conf')],
          ...['--maxmemory-policy', 'noeviction'],
        ],
        { stdio: 'ignore' },
      ),
    );
  }
  await Promise.all(ports.map(waitForPing));
  await run('redis-cli', [
    '--cluster',
    'create',
    ...ports.map((p) => `127.0.0.1:${p}`),
    '--cluster-replicas',
    '0',
    '--cluster-yes',
  ]);
  for (let i = 0; i < 100; i++) {
    const infos = await Promise.all(
      ports.map((p) => run('redis-cli', ['-p', String(p), 'cluster', 'info']).then((r) => r.stdout)),
    );
    if (infos.every((info) => info.includes('cluster_state:ok'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = fleetTestEnv('cluster');
  env = {
    ...base,
    FLEET_QUEUE_PREFIX: `{${base.FLEET_QUEUE_PREFIX}}`,
    REDIS_CLUSTER_NODES: ports.map((p) => `127.0.0.1:${p}`).join(','),
  };
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  for (const server of servers) server.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('a sweep through a three-master Redis Cluster', () => {
  it('completes with one row per planned run, with workers counted across the masters', async () => {
    const imported = await runCli(['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    processes.push(startApp('aggregator', env), startApp('worker', env), startApp('worker', env));

    const redis = createRedisConnection(
      { url: 'redis://127.0.0.1', clusterNodes: env.REDIS_CLUSTER_NODES?.split(',') ?? [] },
      'command',
    );
    try {
      for (let i = 0; i < 200 && (await countQueueWorkers(redis, env.FLEET_QUEUE_PREFIX, 'runs')) < 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(redisNodes(redis), 'the client sees every master').toHaveLength(3);
      expect(await countQueueWorkers(redis, env.FLEET_QUEUE_PREFIX, 'runs'), 'both workers, each once').toBe(2);
    } finally {
      redis.disconnect();
    }

    const file = join(dir, 'sweep.json');
    // 20 fast values × 3 slow values on one symbol = 60 runs in 6 jobs.
    await writeFile(
      file,
      JSON.stringify({
        name: 'cluster-grid',
        symbols: ['ORCL'],
        start: '2000-01-01',
        end: '2010-12-31',
        strategies: [{ name: 'sma_cross', params: { fast: { from: 5, to: 24, step: 1 }, slow: [50, 100, 200] } }],
      }),
    );
    const submitted = await runCli(['sweep', 'submit', file, '--wait', '--json', '--runs-per-job', '10'], env);
    expect(submitted.code, `${submitted.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
    const result = lastJsonLine<{ sweepId: string; total: number; status: string }>(submitted.stdout);
    expect(result.total).toBe(60);
    expect(result.status).toBe('completed');
    const db = createDatabase({ url: env.DATABASE_URL });
    try {
      expect(await countRuns(db, result.sweepId), 'one row per planned run').toEqual({ succeeded: 60, failed: 0 });
    } finally {
      await db.destroy();
    }
  }, 120_000);

  it('refuses a cluster without a {hash tag} prefix at start-up, in one line', async () => {
    const worker = startApp('worker', { ...env, FLEET_QUEUE_PREFIX: 'untagged' });
    const code = await new Promise<number | null>((resolve) => worker.child.on('exit', resolve));
    expect(code, worker.output()).not.toBe(0);
    expect(worker.output()).toContain('has no {hash tag}');
  }, 30_000);
});
