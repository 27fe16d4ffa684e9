import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosCluster } from '../support/chaos-cluster.js';
import { report } from '../support/chaos-report.js';
import { walkForwardUnderKills } from '../support/walk-forward-kills.js';

let cluster: ChaosCluster;
beforeAll(async () => {
  cluster = await ChaosCluster.start({
    workers: 1,
    env: { RECONCILE_INTERVAL_MS: '1000', RECONCILE_QUIET_MS: '3000' },
  });
});
afterAll(() => cluster?.destroy());

describe('chaos 11 (fast): SIGKILL the aggregator as each walk-forward fold is chosen', () => {
  it('stores folds, selections and out-of-sample runs exactly once each after restarts', async () => {
    const result = await walkForwardUnderKills(cluster, {
      start: '2008-01-01',
      end: '2013-12-31',
      fast: [5, 10, 20],
      slow: [50, 100],
    });
    expect(result.folds).toBe(4);
    expect(result.kills, 'the aggregator died at least once around an out-of-sample enqueue').toBeGreaterThan(0);
    await report({
      scenario: '11 walk-forward: SIGKILL aggregator at each fold choice (fast)',
      ...result.tally,
      note: `${result.folds} folds, ${result.kills} kills, ${result.killsBeforeEnqueue} between commit and enqueue`,
    });
  });
});
