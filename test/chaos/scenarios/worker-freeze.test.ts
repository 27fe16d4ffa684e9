import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

describe('chaos 2: SIGSTOP a worker longer than its lock, then SIGCONT', () => {
  it('the frozen job runs twice, and is still stored once', async () => {
    const { sweepId, total } = await cluster.submit(
      [{ name: 'chaos_spin', params: { spinMs: 5, n: { from: 1, to: 3000, step: 1 } } }],
      ['--runs-per-job', '10'],
    );
    await expect.poll(async () => (await cluster.tally(sweepId)).rows, { timeout: 60_000 }).toBeGreaterThan(300);
    const victim = cluster.workers[0];
    victim?.signal('SIGSTOP');
    const frozenAt = Date.now();
    await new Promise((r) => setTimeout(r, Number(cluster.env.WORKER_LOCK_MS) * 2));
    victim?.signal('SIGCONT');
    expect(await cluster.waitForSweep(sweepId, 300_000)).toBe('completed');
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });
    await report({
      scenario: '2 SIGSTOP/SIGCONT worker',
      ...tally,
      recoveryMs: Date.now() - frozenAt,
      note: `frozen ${Number(cluster.env.WORKER_LOCK_MS) * 2} ms (lock ${cluster.env.WORKER_LOCK_MS} ms)`,
    });
  });
});
