import type { RunQueue } from '@fleet/queue';
import type { Worker } from 'bullmq';

/** Options of {@link startWorkerWatchdog}. */
export interface WorkerWatchdogOptions {
  queue: RunQueue;
  /** The worker as it is now (the watchdog may replace it). */
  current: () => Worker;
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
  let startedSinceCheck = 0;
  let inFlight = 0;
  let strikes = 0;
  const watch = (worker: Worker) => {
    worker.on('active', () => {
      startedSinceCheck++;
      inFlight++;
    });
    worker.on('completed', () => inFlight--);
    worker.on('failed', () => inFlight--);
  };
  let watched = options.current();
  watch(watched);
  const timer = setInterval(async () => {
    const worker = options.current();
    if (worker !== watched) {
      watched = worker;
      inFlight = 0;
      watch(worker);
    }
    try {
      const waiting = await options.queue.getWaitingCount();
      const stuck = waiting > 0 && startedSinceCheck === 0 && inFlight <= 0 && !worker.isPaused();
      strikes = stuck ? strikes + 1 : 0;
      if (strikes >= 2) {
        strikes = 0;
        options.onStuck?.(`${waiting} jobs waiting and none started for two checks`);
        await options.recreate();
      }
    } catch {
      // Redis unreachable: nothing to judge until it is back.
    }
    startedSinceCheck = 0;
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return () => clearInterval(timer);
}
