import { createRunQueue } from '@fleet/queue';
import { DelayedError, type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteKeysWithPrefix, uniquePrefix } from '../../../test/support/services.js';
import { JobsInFlight } from './jobs-in-flight.js';
import { startWorkerWatchdog } from './worker-watchdog.js';

const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = uniquePrefix(inject('runId'), 'watchdog');
afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

const job = (n: number) => ({ name: 'run-batch' as const, data: { n } as never, opts: { jobId: `j${n}` } });

describe('startWorkerWatchdog', () => {
  it('still recreates a stuck worker after the worker has delayed a job (BullMQ reports no end for those)', async () => {
    const served = createRunQueue(redis, `${prefix}:served`);
    // Jobs that wait while the worker takes none: what a worker whose blocking connection hangs leaves behind.
    const stranded = createRunQueue(redis, `${prefix}:stranded`);
    const jobs = new JobsInFlight();
    const worker = new Worker(
      served.name,
      jobs.track(async (j: Job, token?: string) => {
        // What the processor does while Postgres is down: back to the delayed set without spending an attempt.
        await j.moveToDelayed(Date.now() + 3_600_000, token);
        throw new DelayedError();
      }),
      { connection: redis.duplicate({ maxRetriesPerRequest: null }), prefix: `${prefix}:served` },
    );
    let recreated = 0;
    const stop = startWorkerWatchdog({
      queue: stranded,
      current: () => ({ worker, jobs }),
      intervalMs: 50,
      recreate: async () => {
        recreated++;
      },
    });
    await served.addBulk([job(1)]);
    await expect.poll(() => served.getJobCountByTypes('delayed'), { timeout: 10_000 }).toBe(1);
    await stranded.addBulk([job(2)]);
    await expect.poll(() => recreated, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(jobs.running, 'the delayed job is no longer counted as running').toBe(0);
    stop();
    await worker.close();
    await Promise.all([served.close(), stranded.close()]);
  });
});
