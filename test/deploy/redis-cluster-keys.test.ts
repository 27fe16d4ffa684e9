import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisEnv } from '@fleet/config';
import { RUN_JOB_NAME, type RunJob, type RunOutcome } from '@fleet/contracts';
import { freePort } from '@fleet/local-services';
import {
  createRunQueue,
  liveSweepJobs,
  publishOutcomes,
  type Redis,
  ResultsConsumer,
  removeWaitingSweepJobs,
  runJobId,
} from '@fleet/queue';
import { Worker } from 'bullmq';
import { Cluster, Redis as RedisClient } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let node: ChildProcess;
let dir = '';
let port = 0;
let cluster: Cluster;

/**
 * A one-node Redis Cluster holding all 16384 slots: it enforces the cluster's same-slot rule for multi-key commands
 * and Lua scripts exactly as a many-node cluster does, so keys that would be split across nodes fail here too.
 */
beforeAll(async () => {
  port = await freePort();
  dir = await mkdtemp(join(tmpdir(), 'fleet-cluster-'));
  node = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
      // A node that was never MEET-ed announces an empty address, which a cluster client cannot follow.
      ...['--cluster-enabled', 'yes', '--cluster-announce-ip', '127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  const admin = new RedisClient({ port, lazyConnect: true, retryStrategy: () => 100 });
  admin.on('error', () => undefined);
  for (let i = 0; i < 100 && (await admin.ping().catch(() => 'down')) !== 'PONG'; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  await admin.config('SET', 'maxmemory-policy', 'noeviction');
  for (let i = 0; i < 100 && !String(await admin.call('CLUSTER', 'INFO')).includes('cluster_state:ok'); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin.quit();
  cluster = new Cluster([{ host: '127.0.0.1', port }], { redisOptions: { maxRetriesPerRequest: null } });
}, 30_000);

afterAll(async () => {
  await cluster?.quit();
  node?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const job = (sweepId: string, jobIndex: number): RunJob => ({
  sweepId,
  strategy: 'buy_and_hold',
  symbol: 'ORCL',
  interval: '1d',
  start: '2000-01-01',
  end: '2001-01-01',
  settings: { cash: '100000', size: 100, commission: '0', slippageBps: 0 },
  runs: [{ index: jobIndex, params: {} }],
});

describe('queue keys on Redis Cluster', () => {
  it('keeps every key of a hash-tagged prefix in one slot through the whole job and results flow', async () => {
    const prefix = '{fleet}';
    expect(RedisEnv.safeParse({ FLEET_QUEUE_PREFIX: prefix }).success, 'the config accepts the tag').toBe(true);
    const redis = cluster as unknown as Redis;
    const queue = createRunQueue(redis, prefix);
    const sweepId = randomUUID();
    await queue.addBulk(
      [0, 1, 2, 3].map((i) => ({ name: RUN_JOB_NAME, data: job(sweepId, i), opts: { jobId: runJobId(sweepId, i) } })),
    );
    expect((await liveSweepJobs(queue, sweepId)).length).toBe(4);
    expect(await removeWaitingSweepJobs(queue, sweepId)).toBe(4);
    await queue.addBulk(
      [4, 5].map((i) => ({ name: RUN_JOB_NAME, data: job(sweepId, i), opts: { jobId: runJobId(sweepId, i) } })),
    );

    const done: string[] = [];
    const worker = new Worker<RunJob>(
      queue.name,
      async (j) => {
        const outcome: RunOutcome = {
          sweepId,
          runIndex: j.data.runs[0]?.index ?? 0,
          strategy: 'buy_and_hold',
          symbol: 'ORCL',
          params: {},
          durationMs: 1,
          engineVersion: 'test',
          codeVersion: 'test',
          status: 'failed',
          error: { name: 'ConfigError', code: 'INVALID_PARAMS', message: 'bad' },
        };
        await publishOutcomes(redis, prefix, [outcome]);
        done.push(j.id ?? '');
      },
      { connection: cluster, prefix },
    );
    await expect.poll(() => done.length, { timeout: 15_000 }).toBe(2);
    await worker.close();

    const consumer = new ResultsConsumer(redis, prefix, 'agg-1');
    await consumer.ensureGroup();
    const entries = await consumer.read(10, 100);
    expect(entries.flatMap((e) => e.outcomes.map((o) => o.runIndex)).sort()).toEqual([4, 5]);
    await consumer.acknowledge(entries.map((e) => e.id));
    await queue.close();

    const slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', prefix));
    const keys = await cluster.keys('*');
    expect(keys.length, 'the flow created queue and stream keys').toBeGreaterThan(5);
    for (const key of keys) {
      expect(key.startsWith(`${prefix}:`), `${key} starts with the prefix`).toBe(true);
      expect(Number(await cluster.call('CLUSTER', 'KEYSLOT', key)), `${key} is in the tag's slot`).toBe(slot);
    }
  });

  it('fails without a hash tag, which is why a cluster deployment needs one', async () => {
    const queue = createRunQueue(cluster as unknown as Redis, 'fleet');
    const sweepId = randomUUID();
    await expect(queue.add(RUN_JOB_NAME, job(sweepId, 0), { jobId: runJobId(sweepId, 0) })).rejects.toThrow(
      /CROSSSLOT/,
    );
    await queue.close();
  });
});
