import type { RunQueue } from '@fleet/queue';
import type { Worker } from 'bullmq';
import type { JobsInFlight } from './jobs-in-flight.js';

/** A worker with the count of its processor's jobs (see {@link JobsInFlight}). */
export interface WatchedWorker {
  worker: Worker;
  jobs: JobsInFlight;
}

/** Options of {@link startWorkerWatchdog}. */
export interface WorkerWatchdogOptions {
  queue: RunQueue;
  /** The worker as it is now (the watchdog may replace it). */
  current: () => WatchedWorker;
  /** Closes the stuck worker and starts a new one. */
  recreate: () => Promise<void>;
  /** @defaultValue 30_000 */
  intervalMs?: number;
  onStuck?: (reason: string) => void;
}

/**
 * Recreates a worker that has stopped taking jobs while jobs wait: after a long Redis outage a blocking connection can
 * end up waiting on a command that will never answer, and nothing else would notice. Two checks in a row must find
 * jobs waiting, the worker idle and no job started meanwhile, so an ordinary lull never triggers it.
 * Returns a function that stops the watchdog.
 */
export function startWorkerWatchdog(options: WorkerWatchdogOptions): () => void {
  let watched = options.current();
  let startedAtCheck = watched.jobs.started;
  let strikes = 0;
  const timer = setInterval(async () => {
    const current = options.current();
    if (current !== watched) {
      watched = current;
      startedAtCheck = current.jobs.started;
    }
    const { worker, jobs } = current;
    const started = jobs.started;
    try {
      const waiting = await options.queue.getWaitingCount();
      const stuck = waiting > 0 && started === startedAtCheck && jobs.running === 0 && !worker.isPaused();
      strikes = stuck ? strikes + 1 : 0;
      if (strikes >= 2) {
        strikes = 0;
        options.onStuck?.(`${waiting} jobs waiting and none started for two checks`);
        await options.recreate();
      }
    } catch {
      // Redis unreachable: nothing to judge until it is back.
    }
    startedAtCheck = started;
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return () => clearInterval(timer);
}
