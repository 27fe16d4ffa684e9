import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({ workers: 2 });
});
afterAll(() => cluster?.destroy());

describe('chaos 7: poison runs', () => {
  it('a strategy that throws, one that never returns and one that kills its thread each end as one failed row with the reason; the rest complete', async () => {
    const { sweepId, total } = await cluster.submit(
      [
        { name: 'chaos_spin', params: { spinMs: 2, n: { from: 1, to: 400, step: 1 } } },
        { name: 'poison_throw' },
        { name: 'poison_hang', params: { hangAt: 5 } },
        { name: 'poison_exit', params: { exitAt: 5 } },
      ],
      ['--runs-per-job', '8', '--run-timeout', '1500'],
    );
    expect(await cluster.waitForSweep(sweepId, 120_000)).toBe('completed_with_failures');
    const tally = await cluster.tally(sweepId);
    expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 3 });
    const failures = await cluster.db
      .selectFrom('runs')
      .select(['strategy', 'error_code', 'error_message'])
      .where('sweep_id', '=', sweepId)
      .where('status', '=', 'failed')
      .orderBy('strategy')
      .execute();
    expect(failures.map((f) => [f.strategy, f.error_code])).toEqual([
      ['poison_exit', 'ENGINE_THREAD_CRASHED'],
      ['poison_hang', 'RUN_TIMEOUT'],
      ['poison_throw', 'ENGINE_UNEXPECTED'],
    ]);
    expect(failures.find((f) => f.strategy === 'poison_throw')?.error_message).toContain(
      'poison strategy always throws',
    );
    expect(
      cluster.workers.every((w) => w.restarts === 0),
      'no poison took a worker process down',
    ).toBe(true);
    const rss = await cluster.peakRssMb();
    await report({
      scenario: '7 poison runs',
      ...tally,
      peakWorkerRssMb: Math.round(rss.worker),
      peakAggregatorRssMb: Math.round(rss.aggregator),
    });
  });
});
