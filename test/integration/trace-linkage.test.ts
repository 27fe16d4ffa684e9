import { fileURLToPath } from 'node:url';
import { QueueNames, SweepSpec } from '@fleet/contracts';
import { createDatabase, findSweep, importBars } from '@fleet/db';
import { readBarsFile } from '@fleet/market-data';
import { createRunQueue, ResultsConsumer } from '@fleet/queue';
import { BarCache, EnginePool } from '@fleet/runner';
import { submitSweep } from '@fleet/sweep';
import { createLogger, startTelemetry } from '@fleet/telemetry';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createResultBatcher } from '../../apps/aggregator/src/result-batcher.js';
import { createRunJobProcessor } from '../../apps/worker/src/create-run-job-processor.js';
import { deleteKeysWithPrefix, uniquePrefix } from '../support/services.js';

const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry('trace-test', { exporter });
const db = createDatabase({ url: inject('databaseUrl') });
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = uniquePrefix(inject('runId'), 'trace');
const log = createLogger('trace-test', { level: 'silent' });

afterAll(async () => {
  await telemetry.shutdown();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.destroy();
});

const traceOf = (span: ReadableSpan) => span.spanContext().traceId;
const named = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);

describe('one trace follows a sweep', () => {
  it('from the submit through every job to the aggregator batch that stored its results', async () => {
    const orcl = await readBarsFile(fileURLToPath(new URL('../../data/samples/orcl-1995-2014.csv', import.meta.url)), {
      adjusted: false,
    });
    await importBars(db, { symbol: orcl.symbol, interval: orcl.interval }, [orcl.bars]);
    const queue = createRunQueue(redis, prefix);
    const submitted = await submitSweep({
      db,
      queue,
      runsPerJob: 4,
      spec: SweepSpec.parse({
        name: 'traced',
        symbols: ['ORCL'],
        interval: '1d',
        start: '2010-01-01',
        end: '2012-12-31',
        cash: '100000',
        size: 100,
        commission: '0',
        slippageBps: 0,
        strategies: [{ name: 'sma_cross', params: { fast: [5, 10, 20], slow: [50, 100, 150] } }],
      }),
    });

    // The worker's own processor, in this process so the in-memory exporter sees its spans (engine on the built thread).
    const pool = new EnginePool({
      size: 1,
      threadFile: new URL('../../packages/runner/dist/engine-thread.js', import.meta.url),
    });
    const processJob = createRunJobProcessor({
      db,
      redis,
      prefix,
      pool,
      cache: new BarCache(64 * 1024 * 1024),
      codeVersion: 'trace-test',
      defaultRunTimeoutMs: 30_000,
    });
    const [workerConnection, consumerConnection] = [redis.duplicate(), redis.duplicate()];
    const worker = new Worker(QueueNames.runs, processJob, {
      connection: workerConnection,
      prefix,
    });
    const consumer = new ResultsConsumer(consumerConnection, prefix, 'trace-test');
    await consumer.ensureGroup();
    const batcher = createResultBatcher({ consumer, db, log, batchSize: 5, flushMs: 50 });
    await expect
      .poll(async () => (await findSweep(db, submitted.sweepId))?.status, { timeout: 20_000 })
      .toBe('completed');
    await batcher.stop();
    await worker.close();
    await pool.close();
    await queue.close();
    await Promise.all([workerConnection.quit(), consumerConnection.quit()]);

    const [submit] = named('sweep.submit');
    expect(submit, 'the producer starts the trace').toBeDefined();
    const traceId = traceOf(submit as ReadableSpan);
    expect(submitted.traceId, 'the submit reports its trace id').toBe(traceId);

    const jobs = named('run-job');
    expect(jobs).toHaveLength(3);
    expect(jobs.map(traceOf), "every worker span is in the producer's trace").toEqual([traceId, traceId, traceId]);
    for (const step of ['load-bars', 'engine-run'])
      expect(new Set(named(step).map(traceOf)), `${step} spans are in the trace too`).toEqual(new Set([traceId]));

    const stored = named('results.stored');
    expect(stored.length, 'the aggregator stored the sweep in at least one batch').toBeGreaterThan(0);
    expect(new Set(stored.map(traceOf)), "the aggregator's span shares the producer's trace id").toEqual(
      new Set([traceId]),
    );
    const jobSpanIds = new Set(jobs.map((s) => s.spanContext().spanId));
    expect(
      stored.every((s) => jobSpanIds.has(s.parentSpanContext?.spanId ?? '')),
      'each stored span continues one of the jobs whose results it wrote',
    ).toBe(true);
    const linked = named('results.store-batch').flatMap((b) => b.links.map((l) => l.context.spanId));
    expect(new Set(linked), 'the batch spans link to every job they stored').toEqual(jobSpanIds);
  });
});
