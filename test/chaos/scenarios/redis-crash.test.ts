import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

describe('chaos 4: SIGKILL Redis (up to a second of writes lost), restart it, reconcile', () => {
  it('reconciliation brings back whatever Redis lost, and every run is stored once', async () => {
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 5, n: { from: 1, to: 4000, step: 1 } } }],
      ['--runs-per-job', '10'],
    );
    await expect
      .poll(async () => (await cluster.tally(sweepId)).rows, { timeout: 120_000 })
      .toBeGreaterThan(total * 0.4);
    const down = Date.now();
    await cluster.redis.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 1_000));
    await cluster.redis.boot();
    // Give surviving jobs time to finish, then close the gap left by anything Redis lost.
    await cluster.waitForSweep(sweepId, 30_000);
    const reconciled = JSON.parse(
      (await cluster.cliOk(['sweep', 'reconcile', sweepId, '--json'])).trim().split('\n').at(-1) ?? '{}',
    );
    expect(await cluster.waitForSweep(sweepId, 300_000)).toBe('completed');
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    await report({
      scenario: '4 SIGKILL Redis + reconcile',
      ...tally,
      recoveryMs: Date.now() - down,
      note: `reconcile requeued ${reconciled.requeuedRuns ?? 0} runs`,
    });
  });
});
