import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

const RUNS = Number(process.env.CHAOS_BIG_SWEEP_RUNS ?? 100_000);
let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

const usedMemoryMb = async (redis: Redis) =>
  Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0) / 1024 / 1024;

describe(`chaos 10: memory after a ${RUNS}-run sweep`, () => {
  it('Redis returns to within 50 MB of its baseline and process memory stays bounded', async () => {
    const redis = new Redis(cluster.env.REDIS_URL, { maxRetriesPerRequest: null });
    const baseline = await usedMemoryMb(redis);
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 0, n: { from: 1, to: RUNS, step: 1 } } }],
      ['--runs-per-job', '50'],
    );
    expect(await cluster.waitForSweep(sweepId, 900_000)).toBe('completed');
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    await new Promise((r) => setTimeout(r, 2_000));
    const after = await usedMemoryMb(redis);
    expect(after - baseline, 'finished jobs and stored results were trimmed from Redis').toBeLessThan(50);
    const rss = await cluster.peakRssMb();
    expect(rss.worker).toBeLessThan(400);
    expect(rss.aggregator).toBeLessThan(400);
    await redis.quit();
    await report({
      scenario: `10 memory after ${RUNS} runs`,
      ...tally,
      peakWorkerRssMb: Math.round(rss.worker),
      peakAggregatorRssMb: Math.round(rss.aggregator),
      note: `Redis used_memory ${baseline.toFixed(1)} → ${after.toFixed(1)} MB`,
    });
  });
});
