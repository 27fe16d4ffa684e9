import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';
import { walkForwardUnderKills } from '../support/walk-forward-kills.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({
    workers: 2,
    env: { RECONCILE_INTERVAL_MS: '1000', RECONCILE_QUIET_MS: '3000' },
  });
});
afterAll(() => cluster?.destroy());

describe('chaos 11: SIGKILL the aggregator at every walk-forward fold choice, and workers along the way', () => {
  it('stores folds, selections and out-of-sample runs exactly once each after restarts', async () => {
    const result = await walkForwardUnderKills(cluster, {
      start: '2000-01-01',
      end: '2014-12-31',
      fast: [5, 10, 15, 20, 30],
      slow: [50, 100, 150, 200],
      workerKills: 3,
    });
    expect(result.folds).toBe(13);
    await report({
      scenario: '11 walk-forward: SIGKILL aggregator at each fold choice, 3 worker kills',
      ...result.tally,
      note: `${result.folds} folds, ${result.kills} kills, ${result.killsBeforeEnqueue} between commit and enqueue`,
    });
  });
});
