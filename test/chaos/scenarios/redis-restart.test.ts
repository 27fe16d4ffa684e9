import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

describe('chaos 3: restart Redis twice mid-sweep', () => {
  it('workers and the aggregator reconnect and the sweep completes with one row per run', async () => {
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 5, n: { from: 1, to: 4000, step: 1 } } }],
      ['--runs-per-job', '10'],
    );
    const outages: number[] = [];
    for (const threshold of [0.25, 0.6]) {
      await expect
        .poll(async () => (await cluster.tally(sweepId)).rows, { timeout: 120_000 })
        .toBeGreaterThan(total * threshold);
      const down = Date.now();
      await cluster.redis.stop('SIGTERM');
      await new Promise((r) => setTimeout(r, 2_000));
      await cluster.redis.boot();
      outages.push(Date.now() - down);
    }
    expect(await cluster.waitForSweep(sweepId, 300_000)).toBe('completed');
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    expect(
      cluster.workers.every((w) => w.restarts === 0),
      'processes survived the restarts',
    ).toBe(true);
    await report({
      scenario: '3 restart Redis twice',
      ...tally,
      recoveryMs: Math.max(...outages),
      note: 'recoveryMs = longest Redis outage',
    });
  });
});
