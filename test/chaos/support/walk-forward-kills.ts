import { listFoldSelections } from '@fleet/db';
import { createRunQueue } from '@fleet/queue';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import type { ChaosCluster, SweepTally } from './chaos-cluster.js';

/** What {@link walkForwardUnderKills} did and found. */
export interface WalkForwardChaos {
  tally: SweepTally;
  folds: number;
  kills: number;
  /** Kills after which the fold just chosen was still not enqueued: the crash window between commit and enqueue. */
  killsBeforeEnqueue: number;
}

/**
 * Runs a walk-forward sweep of `sma_cross` on ORCL while SIGKILLing the aggregator the moment each fold's choice
 * commits (around the out-of-sample enqueue), and `workerKills` workers along the way, then checks that folds,
 * selections and out-of-sample runs are each stored once, that each out-of-sample run was carried by exactly one job
 * under its deterministic id, and that every total holds.
 */
export async function walkForwardUnderKills(
  cluster: ChaosCluster,
  options: { start: string; end: string; fast: number[]; slow: number[]; workerKills?: number },
): Promise<WalkForwardChaos> {
  const { sweepId, total } = await cluster.submit(
    [{ name: 'sma_cross', params: { fast: options.fast, slow: options.slow } }],
    ['--runs-per-job', '1'],
    {
      start: options.start,
      end: options.end,
      validation: { walkForward: { train: '2y', test: '1y', step: '1y' }, select: 'sharpe', minTrades: 1 },
    },
  );
  const combinations = options.fast.length * options.slow.length;
  let kills = 0;
  let killsBeforeEnqueue = 0;
  let workerKills = options.workerKills ?? 0;
  let chosen = 0;
  const deadline = Date.now() + 240_000;
  while (chosen < total / (combinations + 1) && Date.now() < deadline) {
    const selections = await listFoldSelections(cluster.db, sweepId).catch(() => []);
    const now = selections.filter((s) => s.chosen_run !== null).length;
    if (now > chosen) {
      cluster.aggregator.signal('SIGKILL');
      kills++;
      const after = await listFoldSelections(cluster.db, sweepId);
      if (after.some((s) => s.chosen_run !== null && s.enqueued_at === null)) killsBeforeEnqueue++;
      if (workerKills > 0) {
        cluster.workers[0]?.signal('SIGKILL');
        workerKills--;
      }
      chosen = now;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(await cluster.waitForSweep(sweepId, 240_000)).toBe('completed');
  const tally = await cluster.tally(sweepId);
  expect(tally).toMatchObject({ planned: total, rows: total, duplicates: 0, failed: 0 });

  const selections = await listFoldSelections(cluster.db, sweepId);
  const folds = total / (combinations + 1);
  expect(selections, 'one selection per fold').toHaveLength(folds);
  for (const s of selections) {
    const candidates = await cluster.db
      .selectFrom('runs')
      .select(['run_index', 'sharpe', 'closed_trades', 'params', 'window', 'fold'])
      .where('sweep_id', '=', sweepId)
      .where('run_index', '>=', s.first_run)
      .where('run_index', '<', s.first_run + s.runs)
      .where('status', '=', 'succeeded')
      .execute();
    const best = candidates
      .filter((r) => (r.closed_trades ?? 0) >= 1 && r.sharpe !== null)
      .sort((a, b) => (b.sharpe as number) - (a.sharpe as number) || a.run_index - b.run_index)[0];
    expect(s.chosen_run, `fold ${s.fold}: the direct computation's winner`).toBe(best?.run_index);
    const oos = await cluster.db
      .selectFrom('runs')
      .select(['params', 'fold', 'window'])
      .where('sweep_id', '=', sweepId)
      .where('run_index', '=', s.run_index)
      .execute();
    expect(oos, `fold ${s.fold}: one out-of-sample row with the chosen parameters`).toEqual([
      { params: s.params, fold: s.fold, window: 'out_of_sample' },
    ]);
  }
  // Every job the queue still knows (completed jobs are kept up to 200, more than this sweep has): each
  // out-of-sample run is carried by exactly one, its deterministic id, never by a reconcile generation.
  const redis = new Redis(cluster.redis.url, { maxRetriesPerRequest: null });
  const queue = createRunQueue(redis, cluster.env.FLEET_QUEUE_PREFIX);
  const jobs = await queue.getJobs(['completed', 'failed', 'wait', 'active', 'delayed']);
  const outOfSample = selections.map((s) => Number(s.run_index));
  const carriers = jobs
    .filter((j) => j.id?.startsWith(sweepId) && j.data.runs.some((r) => outOfSample.includes(r.index)))
    .map((j) => j.id)
    .sort();
  expect(carriers).toEqual(outOfSample.map((i) => `${sweepId}.oos.${i}`).sort());
  await queue.close();
  await redis.quit();
  return { tally, folds, kills, killsBeforeEnqueue };
}
