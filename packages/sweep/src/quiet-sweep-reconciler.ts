import { type Database, findQuietSweeps, type Kysely } from '@fleet/db';
import type { Redis, RunQueue } from '@fleet/queue';
import { enqueueSelectedRuns } from './enqueue-selected-runs.js';
import { type ReconcileResult, reconcileSweep } from './reconcile-sweep.js';

/** Options of {@link startQuietSweepReconciler}. */
export interface QuietSweepReconcilerOptions {
  db: Kysely<Database>;
  queue: RunQueue;
  /** Connection for the round lock. */
  redis: Redis;
  /** How often to look for quiet sweeps, in ms. @defaultValue 60_000 */
  intervalMs?: number;
  /** An unfinished sweep with no enqueue or stored result for this long is reconciled, in ms. @defaultValue 120_000 */
  quietMs?: number;
  /** Whether a sweep is this process's to reconcile; with sharded Redis, only the sweeps of its own shard. @defaultValue every sweep */
  owns?: (sweepId: string) => boolean;
  onReconciled?: (result: ReconcileResult) => void;
  onError?: (error: Error) => void;
}

/**
 * Periodically reconciles unfinished sweeps that have gone quiet, closing the gap when Redis loses jobs without
 * anyone running `fleet sweep reconcile`. Every round also enqueues chosen out-of-sample runs still waiting for their job. Only one process reconciles per round (a Redis lock), though a second
 * one would be harmless. Returns a function that stops it.
 */
export function startQuietSweepReconciler(options: QuietSweepReconcilerOptions): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 60_000;
  const quietMs = options.quietMs ?? 120_000;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    const lock = `${options.queue.keys[''] ?? options.queue.name}:reconcile-lock`;
    if ((await options.redis.set(lock, String(process.pid), 'PX', intervalMs, 'NX')) !== 'OK') return;
    // Chosen out-of-sample runs whose aggregator died between its commit and the enqueue, without waiting for quiet.
    await enqueueSelectedRuns(options.db, options.queue, undefined, options.owns);
    for (const sweep of await findQuietSweeps(options.db, new Date(Date.now() - quietMs))) {
      if (options.owns && !options.owns(sweep.id)) continue;
      const result = await reconcileSweep(options.db, options.queue, sweep.id);
      if (result.requeuedRuns > 0) options.onReconciled?.(result);
    }
  };
  const timer = setInterval(() => {
    running = running.then(round).catch((error: Error) => options.onError?.(error));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
