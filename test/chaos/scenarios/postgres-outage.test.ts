import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

const OUTAGE_MS = Number(process.env.CHAOS_PG_OUTAGE_MS ?? 60_000);
let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

describe('chaos 5: stop Postgres mid-sweep, then start it', () => {
  it('no run fails because of the outage and every run is stored once', async () => {
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 5, n: { from: 1, to: 4000, step: 1 } } }],
      ['--runs-per-job', '10'],
    );
    await expect
      .poll(async () => (await cluster.tally(sweepId)).rows, { timeout: 120_000 })
      .toBeGreaterThan(total * 0.3);
    await cluster.postgres.stop('fast');
    const down = Date.now();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await cluster.postgres.boot();
    expect(await cluster.waitForSweep(sweepId, 300_000)).toBe('completed');
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    const rss = await cluster.peakRssMb();
    await report({
      scenario: `5 Postgres down ${OUTAGE_MS / 1000} s`,
      ...tally,
      recoveryMs: Date.now() - down - OUTAGE_MS,
      peakWorkerRssMb: Math.round(rss.worker),
      peakAggregatorRssMb: Math.round(rss.aggregator),
      note: 'recoveryMs = from restart to completed',
    });
  });
});
