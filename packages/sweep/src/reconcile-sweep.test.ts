import { SweepSpec } from '@fleet/contracts';
import { createDatabase, createSweep } from '@fleet/db';
import { createRunQueue, liveSweepJobs } from '@fleet/queue';
import { Redis } from 'ioredis';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteKeysWithPrefix, uniquePrefix } from '../../../test/support/services.js';
import { reconcileSweep } from './reconcile-sweep.js';

const db = createDatabase({ url: inject('databaseUrl') });
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = uniquePrefix(inject('runId'), 'reconcile');
const queue = createRunQueue(redis, prefix);
afterAll(async () => {
  await queue.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.destroy();
});

/** Records the most rows any one query of the wrapped database returned. */
function largestResult(): { plugin: KyselyPlugin; rows: () => number } {
  let most = 0;
  return {
    rows: () => most,
    plugin: {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        most = Math.max(most, args.result.rows.length);
        return args.result;
      },
    },
  };
}

describe('reconcileSweep', () => {
  it('reads a large sweep in bounded pages and requeues exactly the run without a row', async () => {
    const total = 120_000;
    const spec = SweepSpec.parse({
      name: 'big-reconcile',
      symbols: ['ORCL'],
      start: '2005-01-01',
      end: '2012-12-31',
      strategies: [
        { name: 'sma_cross', params: { fast: { from: 1, to: 400, step: 1 }, slow: { from: 1001, to: 1300, step: 1 } } },
      ],
    });
    const sweepId = '22222222-2222-4222-8222-222222222222';
    await createSweep(db, {
      id: sweepId,
      idempotencyKey: null,
      name: spec.name,
      spec,
      total,
      jobs: 1_200,
      runsPerJob: 100,
    });
    const lost = 77_777;
    await sql`insert into runs (sweep_id, run_index, strategy, symbol, params, status, duration_ms, engine_version,
        code_version, error_message)
      select ${sweepId}, i, 'sma_cross', 'ORCL', '{}'::jsonb, 'failed', 0, '1', 't', 'x'
      from generate_series(0, ${total - 1}) i where i <> ${lost}`.execute(db);
    await db
      .updateTable('sweeps')
      .set({ failed: total - 1, status: 'running' })
      .where('id', '=', sweepId)
      .execute();

    const observed = largestResult();
    const result = await reconcileSweep(db.withPlugin(observed.plugin), queue, sweepId);
    expect(result).toEqual({ sweepId, status: 'running', missing: 1, covered: 0, requeuedRuns: 1, requeuedJobs: 1 });
    expect(
      observed.rows(),
      'no query hands the process a row per planned run (a million objects per round on a 1M-run sweep)',
    ).toBeLessThanOrEqual(50_000);
    expect((await liveSweepJobs(queue, sweepId)).flatMap((j) => j.runIndexes)).toEqual([lost]);
  });
});
