import { QueueNames, type RUN_JOB_NAME, type RunJob } from '@fleet/contracts';
import { type JobsOptions, Queue } from 'bullmq';
import type { RedisClient as Redis } from './redis-client.js';

/**
 * Job options of every RunJob. Retries back off exponentially for transient faults; finished jobs are trimmed so
 * Redis memory returns to its baseline after a sweep (results live in Postgres, not in job return values).
 */
const runJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
} as const satisfies JobsOptions;

/** The deterministic BullMQ job id of a sweep's job, so re-submitting never enqueues the same job twice. */
export function runJobId(sweepId: string, jobIndex: number): string {
  return `${sweepId}.${jobIndex}`;
}

/** The runs queue, typed by its payload. */
export type RunQueue = Queue<RunJob, void, typeof RUN_JOB_NAME>;

/**
 * Opens the runs queue on a connection under the deployment's key prefix.
 *
 * @example
 * const queue = createRunQueue(redis, env.FLEET_QUEUE_PREFIX);
 * await queue.addBulk([{ name: RUN_JOB_NAME, data: job, opts: { jobId: runJobId(sweepId, 0) } }]);
 */
export function createRunQueue(connection: Redis, prefix: string, onError?: (error: Error) => void): RunQueue {
  const queue = new Queue<RunJob, void, typeof RUN_JOB_NAME>(QueueNames.runs, {
    connection,
    prefix,
    defaultJobOptions: runJobOptions,
  });
  // Connection errors are re-emitted by the queue; unheard, one (e.g. a Redis restart) would crash the process.
  // Commands still reject on their own, so callers see every failure that matters to them.
  queue.on('error', onError ?? (() => undefined));
  return queue;
}
