import { type RedisClient, redisNodes } from './redis-client.js';

/**
 * How many BullMQ workers are connected to a queue, read from `CLIENT LIST` of every server (on a cluster a worker's
 * connections go to the master of the prefix's slot, but a failover moves them, so all masters are asked). It mirrors
 * BullMQ's client naming (`<prefix>:<base64 queue name>`, with `:w:<name>` for named workers) instead of asking a
 * `Queue`, because creating a `Queue` writes its meta key, and a dry run must leave Redis untouched.
 */
export async function countQueueWorkers(redis: RedisClient, prefix: string, queueName: string): Promise<number> {
  const base = `${prefix}:${Buffer.from(queueName).toString('base64')}`;
  // A named worker counts once however many of its connections carry its name (a cluster client may name one per
  // node); an unnamed one can only be counted by its connections, on the node that has most of them.
  const named = new Set<string>();
  let unnamed = 0;
  for (const node of redisNodes(redis)) {
    const names = ((await node.client('LIST')) as string)
      .split('\n')
      .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '');
    for (const name of names) if (name.startsWith(`${base}:w:`)) named.add(name);
    unnamed = Math.max(unnamed, names.filter((name) => name === base).length);
  }
  return named.size + unnamed;
}
