import { type RedisClient, redisNodes } from './redis-client.js';

/**
 * How many BullMQ workers are connected to a queue, read from `CLIENT LIST` of every server (on a cluster a worker's
 * connections go to the master of the prefix's slot, but a failover moves them, so all masters are asked). It mirrors
 * BullMQ's client naming (`<prefix>:<base64 queue name>`, with `:w:<name>` for named workers) instead of asking a
 * `Queue`, because creating a `Queue` writes its meta key, and a dry run must leave Redis untouched.
 */
export async function countQueueWorkers(redis: RedisClient, prefix: string, queueName: string): Promise<number> {
  const base = `${prefix}:${Buffer.from(queueName).toString('base64')}`;
  let count = 0;
  for (const node of redisNodes(redis)) {
    const list = (await node.client('LIST')) as string;
    count += list
      .split('\n')
      .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
      .filter((name) => name === base || name.startsWith(`${base}:w:`)).length;
  }
  return count;
}
