import { randomBytes } from 'node:crypto';
import { createDatabase, createDatabaseIfMissing, dropDatabase, migrateToLatest } from '@fleet/db';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { adminDatabaseUrl, deleteKeysWithPrefix } from './support/services.js';

/**
 * Gives each test run its own Postgres database (created, migrated, dropped) and its own Redis key namespace,
 * so runs on a shared machine never see each other's rows or jobs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const databaseUrl = new URL(adminDatabaseUrl());
  databaseUrl.pathname = `/fleet_${runId}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  await createDatabaseIfMissing(databaseUrl.toString());
  const db = createDatabase({ url: databaseUrl.toString() });
  await migrateToLatest(db);
  await db.destroy();

  project.provide('databaseUrl', databaseUrl.toString());
  project.provide('redisUrl', redisUrl);
  project.provide('runId', runId);

  return async () => {
    await dropDatabase(databaseUrl.toString());
    const redis = new Redis(redisUrl);
    await deleteKeysWithPrefix(redis, `fleet-${runId}`);
    await redis.quit();
  };
}
