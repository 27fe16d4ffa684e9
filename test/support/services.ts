import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The Postgres server tests run against; the machine has trust auth for `postgres` (and `root`), so the default needs
 * no password. Set TEST_DATABASE_URL to point tests elsewhere.
 */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A key prefix for one test file of one run, so concurrently running files never share a queue. */
export function uniquePrefix(runId: string, label: string): string {
  return `fleet-${runId}-${label}-${randomBytes(2).toString('hex')}`;
}

/** Deletes every key under a prefix (SCAN, never KEYS, so a busy shared Redis is not blocked). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
