export { freePort } from './free-port.js';
export { PrivatePostgres } from './private-postgres.js';
export { PrivateRedis } from './private-redis.js';
/** @public The services wrapper's test imports these from the built package in a child process, which knip cannot see. */
export { probePostgres } from './probe-postgres.js';
/** @public As {@link probePostgres}. */
export { probeRedis } from './probe-redis.js';
