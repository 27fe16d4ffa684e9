import { randomUUID } from 'node:crypto';
import { type RunOutcome, SweepSpec } from '@fleet/contracts';
import { createDatabase, createSweep, importBars, listFoldSelections, loadBars, storeRunOutcomes } from '@fleet/db';
import { readBarsFile } from '@fleet/market-data';
import { SweepPlan } from '@fleet/planning';
import { createRunQueue, liveSweepJobs } from '@fleet/queue';
import { evaluateInline, executeRunJob } from '@fleet/runner';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteKeysWithPrefix, uniquePrefix } from '../../../test/support/services.js';
import { enqueueSelectedRuns, outOfSampleJobId, outOfSampleJobOf } from './enqueue-selected-runs.js';
import { PlannedRunVerifier } from './planned-run-verifier.js';
import { reconcileSweep } from './reconcile-sweep.js';

const db = createDatabase({ url: inject('databaseUrl') });
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = uniquePrefix(inject('runId'), 'oos-enqueue');
const queue = createRunQueue(redis, prefix);
const spec = SweepSpec.parse({
  name: 'oos-enqueue',
  symbols: ['ORCL'],
  start: '2000-01-01',
  end: '2004-12-31',
  strategies: [{ name: 'sma_cross', params: { fast: [5, 10, 20], slow: [50, 100] } }],
  validation: { walkForward: { train: '2y', test: '1y', step: '1y' }, select: 'sharpe', minTrades: 1 },
});
const sweepId = randomUUID();
const plan = new SweepPlan(spec, sweepId, { runsPerJob: 6 });
const load = (symbol: string, interval: string, from: number, to: number) => loadBars(db, symbol, interval, from, to);
let batches: RunOutcome[][] = [];

beforeAll(async () => {
  const file = await readBarsFile(new URL('../../../data/samples/orcl-1995-2014.csv', import.meta.url).pathname, {
    adjusted: false,
  });
  await importBars(db, { symbol: file.symbol, interval: file.interval }, [file.bars]);
  await createSweep(db, {
    id: sweepId,
    idempotencyKey: null,
    name: spec.name,
    spec,
    total: plan.totalRuns,
    jobs: plan.totalJobs,
    runsPerJob: 6,
    foldSlots: plan.outOfSampleSlots.map((s) => ({
      runIndex: s.runIndex,
      fold: s.fold,
      strategy: s.strategy,
      symbol: s.symbol,
      firstRun: s.inSample.firstRun,
      runs: s.inSample.runs,
      selectMetric: 'sharpe',
      minTrades: 1,
    })),
  });
  batches = await Promise.all([...plan.jobs()].map((j) => executeRunJob(j.data, load, evaluateInline, 'test')));
});
afterAll(async () => {
  await queue.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.destroy();
});

const outOfSampleJobIds = async () =>
  (await liveSweepJobs(queue, sweepId))
    .filter((j) => j.id.includes('.oos.'))
    .map((j) => j.id)
    .sort();

describe('out-of-sample runs of a walk-forward sweep are enqueued exactly once', () => {
  it('chooses each fold in the commit of its last in-sample run, and only then', async () => {
    expect(plan.totalRuns).toBe(18 + 3);
    const [first, ...rest] = batches;
    const partial = await storeRunOutcomes(db, (first as RunOutcome[]).slice(0, 5));
    expect(partial.pendingOutOfSample, 'five of fold 0’s six runs choose nothing').toEqual([]);
    // The aggregator dies right after each commit, before enqueueing anything.
    const stored = await storeRunOutcomes(db, [...(first as RunOutcome[]).slice(5), ...rest.flat()]);
    expect(stored.pendingOutOfSample).toEqual([sweepId]);
    const selections = await listFoldSelections(db, sweepId);
    expect(selections.map((s) => [s.fold, s.chosen_run !== null, s.enqueued_at])).toEqual([
      [0, true, null],
      [1, true, null],
      [2, true, null],
    ]);
    expect(await outOfSampleJobIds()).toEqual([]);
  });

  it('a redelivered batch neither chooses again nor counts twice', async () => {
    const before = await listFoldSelections(db, sweepId);
    const again = await storeRunOutcomes(db, batches.flat());
    expect([again.inserted, again.duplicates]).toEqual([0, 18]);
    expect(await listFoldSelections(db, sweepId)).toEqual(before);
  });

  it('enqueues each chosen run once under its deterministic id, whoever notices, however often, after any crash', async () => {
    // A previous aggregator added fold 1's job and died before recording it.
    const [, fold1] = await listFoldSelections(db, sweepId);
    if (!fold1) throw new Error('fold 1 missing');
    const id = outOfSampleJobId(sweepId, Number(fold1.run_index));
    await queue.add('run-batch', outOfSampleJobOf(plan, fold1), { jobId: id });
    // The aggregator's next batch, the reconciler round and `fleet sweep reconcile`, all at once.
    await Promise.all([
      enqueueSelectedRuns(db, queue, [sweepId]),
      enqueueSelectedRuns(db, queue),
      reconcileSweep(db, queue, sweepId),
    ]);
    expect(await outOfSampleJobIds()).toEqual([18, 19, 20].map((i) => outOfSampleJobId(sweepId, i)).sort());
    expect((await listFoldSelections(db, sweepId)).every((s) => s.enqueued_at !== null)).toBe(true);
    expect(await enqueueSelectedRuns(db, queue, [sweepId]), 'nothing is left to enqueue').toBe(0);
    const live = (await liveSweepJobs(queue, sweepId)).flatMap((j) => j.runIndexes);
    expect(live.filter((i) => i >= 18).sort(), 'and no requeue generation carries them again').toEqual([18, 19, 20]);
  });

  it('stores the out-of-sample outcomes the plan chose and refuses forged ones, closing the sweep', async () => {
    const selections = await listFoldSelections(db, sweepId);
    const outcomes = (
      await Promise.all(selections.map((s) => executeRunJob(outOfSampleJobOf(plan, s), load, evaluateInline, 'test')))
    ).flat();
    expect(outcomes.map((o) => [o.runIndex, o.fold, o.window])).toEqual([
      [18, 0, 'out_of_sample'],
      [19, 1, 'out_of_sample'],
      [20, 2, 'out_of_sample'],
    ]);
    const verifier = PlannedRunVerifier.forDatabase(db);
    const forged = { ...(outcomes[0] as RunOutcome), params: { fast: 7, slow: 77 } };
    const { planned, unplanned } = await verifier.check([...outcomes, forged]);
    expect(planned).toHaveLength(3);
    expect(unplanned.map((u) => u.problem)).toEqual([
      expect.stringMatching(/run 18: parameters \{"fast":7,"slow":77\}, but fold 0 chose/),
    ]);
    const stored = await storeRunOutcomes(db, planned);
    expect(stored.finishedSweeps).toEqual([{ sweepId, status: 'completed' }]);
  });
});

describe('a group with no eligible in-sample run', () => {
  it('gets one failed out-of-sample row in the commit of its last in-sample run, and nothing to enqueue', async () => {
    const strict = SweepSpec.parse({
      ...spec,
      name: 'oos-none-eligible',
      validation: { holdout: '2004-01-01', select: 'maxDrawdown', minTrades: 1000 },
    });
    const id = randomUUID();
    const holdout = new SweepPlan(strict, id, { runsPerJob: 6 });
    await createSweep(db, {
      id,
      idempotencyKey: null,
      name: strict.name,
      spec: strict,
      total: holdout.totalRuns,
      jobs: holdout.totalJobs,
      runsPerJob: 6,
      foldSlots: holdout.outOfSampleSlots.map((s) => ({
        runIndex: s.runIndex,
        fold: s.fold,
        strategy: s.strategy,
        symbol: s.symbol,
        firstRun: s.inSample.firstRun,
        runs: s.inSample.runs,
        selectMetric: 'maxDrawdown',
        minTrades: 1000,
      })),
    });
    const outcomes = (
      await Promise.all([...holdout.jobs()].map((j) => executeRunJob(j.data, load, evaluateInline, 'test')))
    ).flat();
    const stored = await storeRunOutcomes(db, outcomes);
    expect(stored).toMatchObject({
      inserted: 7,
      pendingOutOfSample: [],
      finishedSweeps: [{ sweepId: id, status: 'completed_with_failures' }],
    });
    const failed = await db
      .selectFrom('runs')
      .select(['run_index', 'error_code', 'fold', 'window'])
      .where('sweep_id', '=', id)
      .where('status', '=', 'failed')
      .execute();
    expect(failed).toEqual([{ run_index: 6, error_code: 'NO_ELIGIBLE_RUN', fold: 0, window: 'out_of_sample' }]);
    expect(await enqueueSelectedRuns(db, queue, [id])).toBe(0);
  });
});
