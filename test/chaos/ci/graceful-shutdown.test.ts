import { createRunQueue } from '@fleet/queue';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster, Supervised } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

describe('chaos 9: SIGTERM every worker mid-sweep, then start them again', () => {
  it('exits 0 within the grace period, leaves no stalled job, and the sweep completes', async () => {
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 3, n: { from: 1, to: 2000, step: 1 } } }],
      ['--runs-per-job', '10'],
    );
    await expect.poll(async () => (await cluster.tally(sweepId)).rows, { timeout: 60_000 }).toBeGreaterThan(200);
    const started = Date.now();
    const codes = await Promise.all(cluster.workers.splice(0).map((w) => w.stop()));
    const stoppedIn = Date.now() - started;
    expect(codes).toEqual([0, 0]);
    expect(stoppedIn).toBeLessThan(Number(cluster.env.WORKER_SHUTDOWN_GRACE_MS));

    const redis = new Redis(cluster.env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = createRunQueue(redis, cluster.env.FLEET_QUEUE_PREFIX);
    expect(await queue.getActiveCount(), 'no job was left active (it would stall)').toBe(0);
    let stalled = 0;
    const events = new Redis(cluster.env.REDIS_URL, { maxRetriesPerRequest: null });
    cluster.workers.push(new Supervised('worker', cluster.env), new Supervised('worker', cluster.env));
    expect(await cluster.waitForSweep(sweepId, 180_000)).toBe('completed');
    const log = (await events.xrange(`${cluster.env.FLEET_QUEUE_PREFIX}:runs:events`, '-', '+')) as [
      string,
      string[],
    ][];
    stalled = log.filter(([, fields]) => fields[1] === 'stalled').length;
    expect(stalled, 'no stalled events').toBe(0);
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    await queue.close();
    await Promise.all([redis.quit(), events.quit()]);
    await report({
      scenario: '9 SIGTERM all workers',
      ...tally,
      recoveryMs: stoppedIn,
      note: 'recoveryMs = time to exit',
    });
  });
});
