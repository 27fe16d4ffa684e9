import { randomUUID } from 'node:crypto';
import { RESULTS_GROUP, type RunOutcome } from '@fleet/contracts';
import { createDatabase, createSweep, findSweep } from '@fleet/db';
import { publishOutcomes, ResultsConsumer, resultsStreamKey } from '@fleet/queue';
import { createLogger } from '@fleet/telemetry';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createResultBatcher } from './result-batcher.js';

const db = createDatabase({ url: inject('databaseUrl') });
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = `fleet-${inject('runId')}-batcher`;
afterAll(async () => {
  await redis.del(resultsStreamKey(prefix));
  await redis.quit();
  await db.destroy();
});

const failed = (sweepId: string, runIndex: number): RunOutcome => ({
  sweepId,
  runIndex,
  strategy: 's',
  symbol: 'A',
  params: { a: runIndex },
  durationMs: 0,
  engineVersion: '1.0.0',
  codeVersion: 'test',
  status: 'failed',
  error: { name: 'ConfigError', code: 'INVALID_PARAMS', message: 'bad' },
});

describe('createResultBatcher', () => {
  it('stores redelivered outcomes once, closes the sweep, and leaves nothing pending in Redis', async () => {
    const sweepId = randomUUID();
    await createSweep(db, {
      id: sweepId,
      idempotencyKey: null,
      name: 't',
      spec: {},
      total: 120,
      jobs: 4,
      runsPerJob: 30,
    });
    for (let job = 0; job < 4; job++) {
      const outcomes = Array.from({ length: 30 }, (_, i) => failed(sweepId, job * 30 + i));
      await publishOutcomes(redis, prefix, outcomes);
      // The same job published twice: what a worker does when it dies between publishing and completing.
      if (job % 2 === 0) await publishOutcomes(redis, prefix, outcomes);
    }
    const consumer = new ResultsConsumer(redis, prefix, 'agg-test');
    await consumer.ensureGroup();
    const batches: { inserted: number; duplicates: number }[] = [];
    const batcher = createResultBatcher({
      consumer,
      db,
      log: createLogger('test', { level: 'silent' }),
      batchSize: 50,
      flushMs: 50,
      onBatch: (b) => batches.push(b),
    });
    await expect
      .poll(async () => (await findSweep(db, sweepId))?.status, { timeout: 10_000 })
      .toBe('completed_with_failures');
    await batcher.stop();

    expect(batches.reduce((n, b) => n + b.inserted, 0)).toBe(120);
    expect(
      batches.reduce((n, b) => n + b.duplicates, 0),
      'the repeated jobs were absorbed',
    ).toBe(60);
    expect(await findSweep(db, sweepId)).toMatchObject({ failed: 120, succeeded: 0 });
    expect(await redis.xlen(resultsStreamKey(prefix)), 'every stored entry was acknowledged and deleted').toBe(0);
  });

  it('counts no duplicates while it drains its own entries left pending by a previous life', async () => {
    const sweepId = randomUUID();
    await createSweep(db, {
      id: sweepId,
      idempotencyKey: null,
      name: 't',
      spec: {},
      total: 12,
      jobs: 6,
      runsPerJob: 2,
    });
    const previous = new ResultsConsumer(redis, prefix, 'agg-restarted');
    await previous.ensureGroup();
    for (let job = 0; job < 6; job++)
      await publishOutcomes(redis, prefix, [failed(sweepId, 2 * job), failed(sweepId, 2 * job + 1)]);
    // Delivered to this consumer and never acknowledged: it died holding them.
    expect((await previous.read(100, 50)).length).toBe(6);
    const batches: { inserted: number; duplicates: number }[] = [];
    const batcher = createResultBatcher({
      consumer: new ResultsConsumer(redis, prefix, 'agg-restarted'),
      db,
      log: createLogger('test', { level: 'silent' }),
      // Reads of 2 entries (a tenth of the batch): the drain takes several reads before the batch is written.
      batchSize: 20,
      flushMs: 1_000,
      onBatch: (b) => batches.push(b),
    });
    await expect
      .poll(async () => (await findSweep(db, sweepId))?.status, { timeout: 20_000 })
      .toBe('completed_with_failures');
    await batcher.stop();
    expect(batches.reduce((n, b) => n + b.inserted, 0)).toBe(12);
    expect(
      batches.reduce((n, b) => n + b.duplicates, 0),
      'nothing was redelivered, so nothing is a duplicate',
    ).toBe(0);
  });

  it('stops within its grace period while Postgres is down, leaving the batch pending for redelivery', async () => {
    const sweepId = randomUUID();
    await createSweep(db, { id: sweepId, idempotencyKey: null, name: 't', spec: {}, total: 1, jobs: 1, runsPerJob: 1 });
    await publishOutcomes(redis, prefix, [failed(sweepId, 0)]);
    // Nothing listens on port 1: every write fails as it does during an outage.
    const down = createDatabase({ url: 'postgres://root@127.0.0.1:1/fleet' });
    let retries = 0;
    const consumer = new ResultsConsumer(redis, prefix, 'agg-outage');
    await consumer.ensureGroup();
    const batcher = createResultBatcher({
      consumer,
      db: down,
      log: createLogger('test', { level: 'silent' }),
      flushMs: 20,
      stopGraceMs: 300,
      onRetry: () => retries++,
    });
    await expect.poll(() => retries, { timeout: 10_000 }).toBeGreaterThan(0);
    await batcher.stop();
    await down.destroy();
    const [pending] = (await redis.xpending(resultsStreamKey(prefix), RESULTS_GROUP, '-', '+', 10, 'agg-outage')) as [
      string,
    ][];
    expect(pending, 'the unstored entry is still pending, not acknowledged').toBeDefined();

    const after = createResultBatcher({
      consumer: new ResultsConsumer(redis, prefix, 'agg-outage'),
      db,
      log: createLogger('test', { level: 'silent' }),
      flushMs: 20,
    });
    await expect.poll(async () => (await findSweep(db, sweepId))?.failed, { timeout: 10_000 }).toBe(1);
    await after.stop();
  });
});
