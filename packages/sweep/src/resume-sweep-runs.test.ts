import { RunMetrics, type RunOutcome, SweepSpec } from '@fleet/contracts';
import { createDatabase, findSweep, storeRunOutcomes } from '@fleet/db';
import { createRunQueue, liveSweepJobs } from '@fleet/queue';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteKeysWithPrefix, uniquePrefix } from '../../../test/support/services.js';
import { cancelSweepRuns } from './cancel-sweep-runs.js';
import { reconcileSweep } from './reconcile-sweep.js';
import { resumeSweepRuns } from './resume-sweep-runs.js';
import { retryFailedRuns } from './retry-failed-runs.js';
import { submitSweep } from './submit-sweep.js';

const db = createDatabase({ url: inject('databaseUrl') });
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = uniquePrefix(inject('runId'), 'resume');
const queue = createRunQueue(redis, prefix);
afterAll(async () => {
  await queue.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.destroy();
});

const spec = SweepSpec.parse({
  name: 'cancel-then-resume',
  symbols: ['ORCL'],
  start: '2005-01-01',
  end: '2006-12-31',
  strategies: [{ name: 'sma_cross', params: { fast: { from: 1, to: 20, step: 1 }, slow: [50] } }],
});
const metrics = Object.fromEntries(RunMetrics.keyof().options.map((m) => [m, null])) as RunMetrics;
const outcome = (sweepId: string, runIndex: number): RunOutcome => {
  const identity = {
    sweepId,
    runIndex,
    strategy: 'sma_cross',
    symbol: 'ORCL',
    params: { fast: runIndex + 1, slow: 50 },
    durationMs: 1,
    engineVersion: '1.0.0',
    codeVersion: 'test',
  };
  return runIndex < 2
    ? { ...identity, status: 'failed', error: { name: 'Crash', code: 'X', message: 'boom' } }
    : {
        ...identity,
        status: 'succeeded',
        dataVersion: 'v1',
        finalEquity: '1',
        closedTrades: 0,
        winningTrades: 0,
        metrics,
      };
};

/** A 20-run sweep (4 jobs of 5), cancelled after runs 0-4 were stored, 0 and 1 of them as failures. */
async function cancelledSweep(): Promise<string> {
  const { sweepId } = await submitSweep({ db, queue, spec, runsPerJob: 5 });
  await storeRunOutcomes(
    db,
    [0, 1, 2, 3, 4].map((i) => outcome(sweepId, i)),
  );
  await cancelSweepRuns(db, queue, sweepId);
  expect(await liveSweepJobs(queue, sweepId), 'the cancel removed every waiting job').toEqual([]);
  return sweepId;
}

describe('a cancelled sweep stays cancelled until it is resumed on purpose', () => {
  it('refuses retry-failed on a cancelled sweep, changing nothing', async () => {
    const sweepId = await cancelledSweep();
    await expect(retryFailedRuns(db, queue, sweepId)).rejects.toMatchObject({
      name: 'SweepStateError',
      code: 'SWEEP_STATE',
      message: expect.stringMatching(/is cancelled.*fleet sweep resume/),
    });
    expect(await findSweep(db, sweepId), 'still cancelled, failures still counted').toMatchObject({
      status: 'cancelled',
      failed: 2,
      succeeded: 3,
    });
    expect(await liveSweepJobs(queue, sweepId), 'nothing enqueued').toEqual([]);
    const reconciled = await reconcileSweep(db, queue, sweepId);
    expect(reconciled, 'and the quiet-sweep reconciler has nothing to revive').toMatchObject({ requeuedRuns: 0 });
  });

  it('reconcile of a cancelled sweep counts the runs that have no row, and requeues none', async () => {
    const sweepId = await cancelledSweep();
    expect(await reconcileSweep(db, queue, sweepId)).toEqual({
      sweepId,
      status: 'cancelled',
      missing: 15,
      covered: 0,
      requeuedRuns: 0,
      requeuedJobs: 0,
    });
  });

  it('resume makes it running and requeues exactly the runs without a row; retry-failed then works', async () => {
    const sweepId = await cancelledSweep();
    const resumed = await resumeSweepRuns(db, queue, sweepId);
    expect(resumed).toEqual({ sweepId, status: 'running', missing: 15, requeuedRuns: 15, requeuedJobs: 3 });
    const live = (await liveSweepJobs(queue, sweepId)).flatMap((j) => j.runIndexes).sort((a, b) => a - b);
    expect(live).toEqual([...Array(15).keys()].map((i) => i + 5));
    expect(await retryFailedRuns(db, queue, sweepId)).toMatchObject({ retriedRuns: 2 });
    await expect(resumeSweepRuns(db, queue, sweepId), 'a running sweep has nothing to resume').rejects.toMatchObject({
      code: 'SWEEP_STATE',
      message: expect.stringMatching(/is running, not cancelled/),
    });
  });
});
