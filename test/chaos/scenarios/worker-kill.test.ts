import { createRunQueue } from '@fleet/queue';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

const KILL_EVERY_MS = Number(process.env.CHAOS_KILL_EVERY_MS ?? 10_000);
let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 3 });
});
afterAll(() => cluster?.destroy());

describe('chaos 1: SIGKILL a random worker every few seconds; a supervisor restarts it', () => {
  it('every planned run ends as exactly one row, and each killed job is recovered', async () => {
    const redis = new Redis(cluster.env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = createRunQueue(redis, cluster.env.FLEET_QUEUE_PREFIX);
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 6, n: { from: 1, to: 8000, step: 1 } } }],
      ['--runs-per-job', '6'],
    );
    const recoveries: Promise<number>[] = [];
    let kills = 0;
    while ((await cluster.waitForSweep(sweepId, KILL_EVERY_MS)) === 'running') {
      const victim = cluster.workers[Math.floor(Math.random() * cluster.workers.length)];
      if (!victim) break;
      const active = await queue.getActive();
      const inFlight = active.flatMap((j) => (j.data.runs ?? []).map((r) => r.index));
      const killedAt = Date.now();
      victim.signal('SIGKILL');
      kills++;
      // Recovery: until every run that was in flight anywhere at the kill has its row (a superset of the victim's).
      recoveries.push(
        (async () => {
          for (;;) {
            const stored = await cluster.db
              .selectFrom('runs')
              .select('run_index')
              .where('sweep_id', '=', sweepId)
              .where('run_index', 'in', inFlight.length ? inFlight : [-1])
              .execute();
            if (stored.length >= inFlight.length) return Date.now() - killedAt;
            await new Promise((r) => setTimeout(r, 200));
          }
        })(),
      );
    }
    expect(await cluster.waitForSweep(sweepId, 300_000)).toBe('completed');
    const recoveryMs = Math.max(0, ...(await Promise.all(recoveries)));
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    expect(kills).toBeGreaterThan(0);
    await queue.close();
    await redis.quit();
    const rss = await cluster.peakRssMb();
    await report({
      scenario: '1 SIGKILL workers',
      ...tally,
      recoveryMs,
      peakWorkerRssMb: Math.round(rss.worker),
      peakAggregatorRssMb: Math.round(rss.aggregator),
      note: `${kills} kills, longest recovery of a killed job`,
    });
  });
});
