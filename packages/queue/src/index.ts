export { checkRedisPolicy } from './check-redis-policy.js';
export { countQueueWorkers } from './count-queue-workers.js';
export { queueMetricsSource } from './queue-metrics-source.js';
export { type RedisClient as Redis, redisNodes } from './redis-client.js';
export { createRedisConnection } from './redis-connection.js';
export { RedisShards } from './redis-shards.js';
export { publishOutcomes, ResultsConsumer, type ResultsEntry, resultsStreamKey } from './results-stream.js';
export { createRunQueue, type RunQueue, runJobId } from './run-queue.js';
export { liveSweepJobs, removeWaitingSweepJobs } from './sweep-jobs.js';
