import type { Redis } from 'ioredis';

/**
 * How many BullMQ workers are connected to a queue, read from `CLIENT LIST`. It mirrors BullMQ's client naming
 * (`<prefix>:<base64 queue name>`, with `:w:<name>` for named workers) instead of asking a `Queue`, because creating
 * a `Queue` writes its meta key, and a dry run must leave Redis untouched.
 */
export async function countQueueWorkers(redis: Redis, prefix: string, queueName: string): Promise<number> {
  const base = `${prefix}:${Buffer.from(queueName).toString('base64')}`;
  const list = (await redis.client('LIST')) as string;
  return list
    .split('\n')
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((name) => name === base || name.startsWith(`${base}:w:`)).length;
}
