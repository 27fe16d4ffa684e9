export type { Redis } from 'ioredis';
export { checkRedisPolicy, RedisPolicyError } from './check-redis-policy.js';
export { countQueueWorkers } from './count-queue-workers.js';
export { queueMetricsSource } from './queue-metrics-source.js';
export { type ConnectionRole, ConnectionRoles, createRedisConnection } from './redis-connection.js';
export { publishOutcomes, ResultsConsumer, type ResultsEntry, resultsStreamKey } from './results-stream.js';
export { createRunQueue, type RunQueue, runJobId, runJobOptions } from './run-queue.js';
export { type LiveSweepJob, liveSweepJobs, removeWaitingSweepJobs } from './sweep-jobs.js';
