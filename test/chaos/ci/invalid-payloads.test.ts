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
});
