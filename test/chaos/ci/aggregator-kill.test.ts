import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

describe('chaos 6: SIGKILL the aggregator mid-batch', () => {
  it('loses nothing and stores nothing twice after the supervisor restarts it', async () => {
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 2, n: { from: 1, to: 3000, step: 1 } } }],
      ['--runs-per-job', '10'],
    );
    let kills = 0;
    const killedAt: number[] = [];
    while ((await cluster.tally(sweepId)).rows < total * 0.8 && kills < 3) {
      await new Promise((r) => setTimeout(r, 1_500));
      cluster.aggregator.signal('SIGKILL');
      killedAt.push(Date.now());
      kills++;
    }
    expect(await cluster.waitForSweep(sweepId, 180_000)).toBe('completed');
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    expect(cluster.aggregator.restarts).toBe(kills);
    const rss = await cluster.peakRssMb();
    await report({
      scenario: '6 SIGKILL aggregator',
      ...tally,
      peakWorkerRssMb: Math.round(rss.worker),
      peakAggregatorRssMb: Math.round(rss.aggregator),
      note: `${kills} kills`,
    });
  });
});
