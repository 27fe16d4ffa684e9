import type { RunJob } from '@fleet/contracts';
import { createRunQueue } from '@fleet/queue';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 1 });
});
afterAll(() => cluster?.destroy());

describe('chaos 8: invalid payloads written straight into the queue', () => {
  it('fails each on its first attempt and stores no row', async () => {
    const redis = new Redis(cluster.env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = createRunQueue(redis, cluster.env.FLEET_QUEUE_PREFIX);
    const bad = [
      { sweepId: 'not-a-uuid', runs: [] },
      { hello: 'world' },
      {
        sweepId: '00000000-0000-4000-8000-000000000000',
        strategy: 'sma_cross',
        symbol: 'ORCL',
        interval: '1d',
        start: 'x',
        end: 'y',
        settings: {},
        runs: [{ index: -1, params: {} }],
      },
    ];
    const jobs = await queue.addBulk(
      bad.map((data, i) => ({ name: 'run-batch', data: data as never, opts: { jobId: `garbage.${i}` } })),
    );
    await expect.poll(async () => queue.getJobCountByTypes('failed'), { timeout: 30_000 }).toBe(bad.length);
    for (const job of jobs) {
      const failed = await queue.getJob(job.id as string);
      expect(failed?.attemptsMade, 'an invalid payload is never retried').toBe(1);
      expect(failed?.failedReason).toMatch(/invalid RunJob payload/);
    }
    const rows = await cluster.db
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(0);
    await queue.close();
    await redis.quit();
    await report({
      scenario: '8 invalid payloads',
      planned: 0,
      rows: 0,
      duplicates: 0,
      failed: 0,
      status: 'n/a',
      note: `${bad.length} jobs failed on attempt 1`,
    });
  });

  it('stores none of the runs of valid-looking forged jobs: an index past the plan, unplanned parameters or strategy', async () => {
    const redis = new Redis(cluster.env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = createRunQueue(redis, cluster.env.FLEET_QUEUE_PREFIX);
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: [20], n: { from: 1, to: 60, step: 1 } } }],
      ['--runs-per-job', '6'],
    );
    const real = (await queue.getJob(`${sweepId}.0`))?.data as RunJob;
    const forged: RunJob[] = [
      { ...real, runs: [{ index: total + 3, params: { n: 1, spinMs: 20 } }] },
      // The last planned run is n = 60; its real job is the last one the worker takes.
      { ...real, runs: [{ index: total - 1, params: { n: 999, spinMs: 20 } }] },
      { ...real, strategy: 'buy_and_hold', runs: [{ index: total - 2, params: {} }] },
    ];
    // LIFO puts them before the sweep's own jobs: they are processed while their run indexes have no row yet.
    await queue.addBulk(
      forged.map((data, i) => ({ name: 'run-batch', data, opts: { jobId: `forged.${i}`, lifo: true } })),
    );
    expect(await cluster.waitForSweep(sweepId, 120_000)).toBe('completed');
    for (let i = 0; i < forged.length; i++)
      await expect.poll(async () => (await queue.getJob(`forged.${i}`))?.finishedOn, { timeout: 30_000 }).toBeDefined();
    const tally = await cluster.tally(sweepId);
    expect(tally, 'one row per planned run and not one more').toMatchObject({
      planned: total,
      rows: total,
      duplicates: 0,
      failed: 0,
    });
    const tail = await cluster.db
      .selectFrom('runs')
      .select(['run_index', 'strategy', 'params'])
      .where('sweep_id', '=', sweepId)
      .where('run_index', '>=', total - 2)
      .orderBy('run_index')
      .execute();
    expect(tail, 'the rows at the forged indexes are the planned runs').toEqual([
      { run_index: total - 2, strategy: 'chaos_spin', params: { n: 59, spinMs: 20 } },
      { run_index: total - 1, strategy: 'chaos_spin', params: { n: 60, spinMs: 20 } },
    ]);
    await queue.close();
    await redis.quit();
    await report({
      scenario: '8b forged jobs',
      ...tally,
      note: `${forged.length} forged jobs refused by the aggregator`,
    });
  });
});
