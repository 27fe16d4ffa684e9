/**
 * Names shared by every process that touches Redis. Queue and stream names are combined with the
 * configured prefix (`FLEET_QUEUE_PREFIX`), so test runs and deployments never collide.
 */
export const QueueNames = {
  /** BullMQ queue of RunJobs, consumed by workers. */
  runs: 'runs',
} as const;

/** Redis stream of RunOutcomes (without the prefix), consumed by aggregators through a consumer group. */
export const RESULTS_STREAM = 'results';
/** Consumer group of the aggregators on the results stream. */
export const RESULTS_GROUP = 'aggregators';
/** Job name of a RunJob on the runs queue. */
export const RUN_JOB_NAME = 'run-batch';
